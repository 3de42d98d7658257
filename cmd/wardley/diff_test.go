package main

import (
	"strings"
	"testing"
)

// TestGitMissing: a REV:path side without git says what is missing.
func TestGitMissing(t *testing.T) {
	t.Setenv("PATH", t.TempDir())
	_, err := gitShow("HEAD", "map.owm")
	if err == nil || !strings.Contains(err.Error(), "needs git, which is not installed") {
		t.Fatalf("err = %v", err)
	}
}

// TestGitExternalArgs recognises exactly what git passes an external diff
// driver, so that two ordinary arguments are never taken for it.
func TestGitExternalArgs(t *testing.T) {
	hex := strings.Repeat("ab12", 10)
	for _, tc := range []struct {
		args []string
		want bool
	}{
		{[]string{"map.owm", "/tmp/x", hex, "100644", "map.owm", hex, "100644"}, true},
		{[]string{"map.owm", "/dev/null", ".", ".", "map.owm", hex, "100644"}, true},
		{[]string{"a.owm", "/tmp/x", hex, "100644", "/tmp/y", hex, "100755", "b.owm", "similarity index 90%\n"}, true},
		{[]string{"a.owm", "/tmp/x", strings.Repeat("c", 64), "100644", "/tmp/y", ".", "."}, true},
		{[]string{"a.owm", "b.owm"}, false},
		{[]string{"a", "b", "c", "d", "e", "f", "g"}, false},
		{[]string{"map.owm", "/tmp/x", "XYZ", "100644", "map.owm", hex, "100644"}, false},
		{[]string{"map.owm", "/tmp/x", hex, "10064", "map.owm", hex, "100644"}, false},
	} {
		if got := gitExternal(tc.args); got != tc.want {
			t.Errorf("gitExternal(%q) = %v, want %v", tc.args, got, tc.want)
		}
	}
}
