package main

import (
	"os"
	"path/filepath"
	"runtime/debug"
	"strings"
	"testing"

	"github.com/spf13/pflag"
)

// TestManPages: `wardley man` writes a page for every command, with its
// name, synopsis and every one of its flags.
func TestManPages(t *testing.T) {
	dir := t.TempDir()
	env, _, stderr := batchEnv(false, 1)
	if code := Main(env, []string{"man", "--dir", dir}); code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	cmds := manCommands(newRoot(env))
	if len(cmds) < 5 {
		t.Fatalf("only %d commands", len(cmds))
	}
	files, _ := filepath.Glob(filepath.Join(dir, "*.1"))
	if len(files) != len(cmds) {
		t.Errorf("%d pages for %d commands", len(files), len(cmds))
	}
	for _, c := range cmds {
		b, err := os.ReadFile(filepath.Join(dir, manName(c)+".1"))
		if err != nil {
			t.Error(err)
			continue
		}
		page := string(b)
		for _, want := range []string{".TH \"" + strings.ToUpper(manName(c)) + "\" 1", ".SH NAME\n" + roff(manName(c)) + " \\- ", ".SH SYNOPSIS", ".SH EXIT STATUS"} {
			if !strings.Contains(page, want) {
				t.Errorf("%s: no %q", manName(c), want)
			}
		}
		c.Flags().VisitAll(func(f *pflag.Flag) {
			if f.Name != "help" && !strings.Contains(page, `\fB\-\-`+roff(f.Name)+`\fR`) {
				t.Errorf("%s: flag --%s missing", manName(c), f.Name)
			}
		})
		for i, l := range strings.Split(page, "\n") {
			if strings.HasPrefix(l, "'") || (strings.HasPrefix(l, ".") && !isMacro(l)) {
				t.Errorf("%s:%d: line read as a roff request: %q", manName(c), i+1, l)
			}
		}
	}
	render, _ := os.ReadFile(filepath.Join(dir, "wardley-render.1"))
	for _, want := range []string{`\fB\-o\fR, \fB\-\-output\fR \fIFILE\fR`, `wardley render \-\-check docs/`} {
		if !strings.Contains(string(render), want) {
			t.Errorf("wardley-render.1 lacks %q", want)
		}
	}
}

func isMacro(l string) bool {
	for _, m := range []string{".TH ", ".SH ", ".PP", ".RS", ".RE", ".nf", ".fi", ".TP", ".B ", ".BR "} {
		if strings.HasPrefix(l, m) {
			return true
		}
	}
	return false
}

// TestVersion: a release's link-time version wins (with its "v"), then
// the module version that `go install module@version` records, then
// "(devel)" and the commit.
func TestVersion(t *testing.T) {
	info := &debug.BuildInfo{GoVersion: "go1.26.8", Main: debug.Module{Path: "github.com/wardley-maps/wardley", Version: "v1.2.3"}}
	dev := &debug.BuildInfo{Main: debug.Module{Version: "(devel)"}, Settings: []debug.BuildSetting{
		{Key: "vcs.revision", Value: "0123456789abcdef0123"}, {Key: "vcs.modified", Value: "true"},
	}}
	for _, c := range []struct {
		linked string
		info   *debug.BuildInfo
		want   string
	}{
		{"1.4.0", info, "v1.4.0"},
		{"v1.4.0", info, "v1.4.0"},
		{"", info, "v1.2.3"},
		{"", &debug.BuildInfo{Main: debug.Module{Version: "v0.0.0-20260101120000-0123456789ab"}}, "v0.0.0-20260101120000-0123456789ab"},
		{"", dev, "(devel) 0123456789ab-dirty"},
		{"", &debug.BuildInfo{}, "(devel)"},
	} {
		if got := versionFrom(c.linked, c.info, true); got != c.want {
			t.Errorf("versionFrom(%q, %v) = %q, want %q", c.linked, c.info.Main.Version, got, c.want)
		}
	}
	if got := versionFrom("", nil, false); got != "(unknown)" {
		t.Errorf("no build info: %q", got)
	}
}
