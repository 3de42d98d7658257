package main

import (
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
)

// TestReleaseBuild links wardley with the -ldflags of .goreleaser.yaml
// and the Dockerfile ("-s -w -X main.buildVersion=...") and checks that
// the version given at link time is the one printed. (It does not add
// their CGO_ENABLED=0 and -trimpath: those change every package's build
// and would make the test compile the world; the static build they give
// is checked by hand, see the README's Docker section.)
func TestReleaseBuild(t *testing.T) {
	gobin := filepath.Join(runtime.GOROOT(), "bin", "go")
	bin := filepath.Join(t.TempDir(), "wardley")
	cmd := exec.Command(gobin, "build", "-ldflags", "-s -w -X main.buildVersion=1.2.3", "-o", bin, ".")
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	out, err := exec.Command(bin, "version").Output()
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(string(out), "wardley v1.2.3 (go") {
		t.Errorf("version: %q", out)
	}
}
