package main

import (
	"os"
	"regexp"
	"slices"
	"strings"
	"testing"
)

// byHand are the README's commands that this test suite cannot run, and
// why. Everything else in a shell block of README.md must be run, in the
// README's order, by testdata/script/readme.txtar.
var byHand = map[string]string{
	"go test ./...": "the test suite itself",
	"CGO_ENABLED=0 go install github.com/wardley-maps/wardley/cmd/wardley@latest": "needs the published module (checked with a local module proxy)",
	"docker build": "Docker cannot run here (the same static build was checked in an empty root)",
	"docker run":   "Docker cannot run here",
	"bench/run.sh": "takes minutes and times the machine it runs on: its output is BENCHMARKS.md",
}

// readmeCommands returns the command lines of README.md's shell blocks,
// without their trailing comments.
func readmeCommands(t *testing.T) []string {
	t.Helper()
	b, err := os.ReadFile("../../README.md")
	if err != nil {
		t.Fatal(err)
	}
	comment := regexp.MustCompile(`\s+#\s.*$`)
	var out []string
	// In sh and bash blocks every line is a command; in console blocks,
	// only the lines after a "$ " prompt (the others are output).
	in, console := false, false
	for _, l := range strings.Split(string(b), "\n") {
		switch {
		case l == "```sh" || l == "```bash":
			in, console = true, false
		case l == "```console":
			in, console = true, true
		case strings.HasPrefix(l, "```"):
			in = false
		case in && console:
			if c, ok := strings.CutPrefix(l, "$ "); ok {
				out = append(out, strings.TrimSpace(comment.ReplaceAllString(c, "")))
			}
		case in && strings.TrimSpace(l) != "":
			out = append(out, strings.TrimSpace(comment.ReplaceAllString(l, "")))
		}
	}
	return out
}

func exempt(cmd string) bool {
	for prefix := range byHand {
		if cmd == prefix || strings.HasPrefix(cmd, prefix+" ") {
			return true
		}
	}
	return false
}

// TestReadmeCommands: the README and the script that runs its commands
// list the same commands in the same order.
func TestReadmeCommands(t *testing.T) {
	var want []string
	for _, c := range readmeCommands(t) {
		if !exempt(c) {
			want = append(want, c)
		}
	}
	if len(want) < 30 {
		t.Fatalf("only %d commands found in README.md: is the extraction broken?", len(want))
	}
	b, err := os.ReadFile("testdata/script/readme.txtar")
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, l := range strings.Split(string(b), "\n") {
		if c, ok := strings.CutPrefix(l, "# README: "); ok {
			got = append(got, c)
		}
	}
	for _, c := range want {
		if !slices.Contains(got, c) {
			t.Errorf("README.md command not run by testdata/script/readme.txtar: %s", c)
		}
	}
	for _, c := range got {
		if !slices.Contains(want, c) {
			t.Errorf("testdata/script/readme.txtar runs a command README.md no longer has: %s", c)
		}
	}
	if !t.Failed() && !slices.Equal(got, want) {
		t.Errorf("the script runs the README's commands in another order:\nREADME: %q\nscript: %q", want, got)
	}
	first := readmeCommands(t)[:2]
	if first[0] != "go run ./cmd/wardley render examples/tea-shop.owm" || first[1] != "go test ./..." {
		t.Errorf("the README's first two commands changed: %q", first)
	}
}

// TestReadmeMap: the map drawn in README.md is up to date (as `wardley md
// --check` sees it).
func TestReadmeMap(t *testing.T) {
	env, _, stderr := batchEnv(false, 1)
	if code := Main(env, []string{"md", "--check", "-q", "--out-dir", "../../docs/readme", "../../README.md"}); code != 0 {
		t.Errorf("README.md's map is out of date (run `go run ./cmd/wardley md --out-dir docs/readme README.md`):\n%s", stderr)
	}
}
