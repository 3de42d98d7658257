package main

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// The integrations (pre-commit hooks, the GitHub Action) run wardley
// command lines written in YAML. These tests run those very lines against
// a small repository, so that a renamed flag breaks a test, not a user's
// CI.

// yamlCommands returns the wardley command lines of a YAML file: the
// values of `entry:` and `run:` keys that start with "wardley ".
func yamlCommands(t *testing.T, file string) []string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("..", "..", file))
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	re := regexp.MustCompile(`^\s*(?:entry|run):\s*(wardley .*)$`)
	for _, l := range strings.Split(string(b), "\n") {
		if m := re.FindStringSubmatch(l); m != nil {
			out = append(out, m[1])
		}
	}
	return out
}

// sampleRepo writes two maps (one untidy) and a Markdown file with a map.
func sampleRepo(t *testing.T) string {
	dir := t.TempDir()
	files := map[string]string{
		"maps/tea.owm":     "title Tea\ncomponent  Cup of Tea [0.79,0.61]\n",
		"maps/sub/pot.owm": "title Pot\ncomponent Pot [0.4, 0.4]\n",
		"README.md":        "# Maps\n\n```owm name=tea\ntitle Tea\n```\n",
	}
	for name, src := range files {
		p := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(src), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

// run runs a command line in-process, words split on spaces, with $VARS
// replaced (as the shell would, unquoted).
func run(t *testing.T, line string, vars map[string]string) (int, string) {
	t.Helper()
	var args []string
	for _, w := range strings.Fields(line)[1:] {
		if v, ok := strings.CutPrefix(w, "$"); ok {
			args = append(args, strings.Fields(vars[v])...)
			continue
		}
		args = append(args, w)
	}
	env, _, stderr := batchEnv(false, 2)
	return Main(env, args), stderr.String()
}

func TestPreCommitHooks(t *testing.T) {
	lines := yamlCommands(t, ".pre-commit-hooks.yaml")
	if len(lines) != 3 {
		t.Fatalf("hooks: %q", lines)
	}
	dir := sampleRepo(t)
	staged := filepath.Join(dir, "maps", "tea.owm")
	want := []int{0, 0, 0} // fmt -w, render, render --check (after render)
	for i, l := range lines {
		code, stderr := run(t, l+" $FILES", map[string]string{"FILES": staged})
		if code != want[i] {
			t.Errorf("%s: exit %d, want %d\n%s", l, code, want[i], stderr)
		}
	}
	if b, _ := os.ReadFile(staged); string(b) != "title Tea\ncomponent Cup of Tea [0.79, 0.61]\n" {
		t.Errorf("wardley-fmt did not format: %q", b)
	}
	// The check hook fails once the map changes and its image does not.
	os.WriteFile(staged, []byte("title Tea\ncomponent Cup of Tea [0.7, 0.6]\n"), 0o644)
	if code, _ := run(t, lines[2]+" $FILES", map[string]string{"FILES": staged}); code != 1 {
		t.Errorf("%s on a stale image: exit %d, want 1", lines[2], code)
	}
}

func TestAction(t *testing.T) {
	lines := yamlCommands(t, "action.yml")
	if len(lines) != 3 {
		t.Fatalf("action: %q", lines)
	}
	dir := sampleRepo(t)
	maps := filepath.Join(dir, "maps")
	md := filepath.Join(dir, "README.md")
	vars := map[string]string{"WARDLEY_PATH": maps, "WARDLEY_ARGS": "--style dark", "WARDLEY_MARKDOWN": md}
	// Before the images exist, every check fails, with annotations.
	for _, l := range lines {
		code, stderr := run(t, l, vars)
		if code != 1 {
			t.Errorf("%s: exit %d, want 1", l, code)
		}
		if strings.Contains(l, "--diagnostics github") && !strings.Contains(stderr, "::error file=") {
			t.Errorf("%s: no annotation in %q", l, stderr)
		}
	}
	// Draw the images as the action's render-args say, format the maps:
	// then the action passes.
	for _, c := range [][]string{{"render", "--style", "dark", maps}, {"md", md}, {"fmt", "-w", maps}} {
		env, _, stderr := batchEnv(false, 2)
		if code := Main(env, c); code != 0 {
			t.Fatalf("%v: exit %d: %s", c, code, stderr)
		}
	}
	for _, l := range lines {
		if code, stderr := run(t, l, vars); code != 0 {
			t.Errorf("%s: exit %d, want 0\n%s", l, code, stderr)
		}
	}
}
