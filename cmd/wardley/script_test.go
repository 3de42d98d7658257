package main

import (
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/rogpeppe/go-internal/testscript"
)

// TestMain registers wardley as a command that the scripts in
// testdata/script can run in-process: `exec wardley ...`.
func TestMain(m *testing.M) {
	testscript.Main(m, map[string]func(){
		"wardley": func() {
			env := OSEnv()
			env.StdoutTTY, env.StderrTTY = false, false
			code := Main(env, os.Args[1:])
			// Leave the code where the `status` command can check it.
			if w := os.Getenv("WORK"); w != "" {
				_ = os.WriteFile(filepath.Join(w, ".wardley-status"), []byte(strconv.Itoa(code)), 0o644)
			}
			os.Exit(code)
		},
	})
}

// TestScripts runs every testdata/script/*.txtar: each is a small shell-like
// session with its input files and the exact output and exit codes expected.
// `go test ./cmd/wardley -run TestScripts/NAME -update` rewrites the
// expectations of a script from what wardley printed; read the diff.
func TestScripts(t *testing.T) { testscript.Run(t, scriptParams()) }

func scriptParams() testscript.Params {
	return testscript.Params{
		Dir:           "testdata/script",
		UpdateScripts: *update,
		Cmds: map[string]func(ts *testscript.TestScript, neg bool, args []string){
			// waitfile FILE: wait until FILE exists and is not empty (a
			// background command's sign that it is ready); fails after a
			// minute.
			"waitfile": func(ts *testscript.TestScript, neg bool, args []string) {
				if len(args) != 1 || neg {
					ts.Fatalf("usage: waitfile FILE")
				}
				for deadline := time.Now().Add(time.Minute); ; time.Sleep(20 * time.Millisecond) {
					if st, err := os.Stat(ts.MkAbs(args[0])); err == nil && st.Size() > 0 {
						return
					}
					if time.Now().After(deadline) {
						ts.Fatalf("%s did not appear within a minute", args[0])
					}
				}
			},
			// status N: the last `exec wardley` exited with code N.
			"status": func(ts *testscript.TestScript, neg bool, args []string) {
				if len(args) != 1 {
					ts.Fatalf("usage: status N")
				}
				// wardley leaves it in $WORK, whatever directory the
				// script has moved to.
				b, err := os.ReadFile(filepath.Join(ts.Getenv("WORK"), ".wardley-status"))
				ts.Check(err)
				got := strings.TrimSpace(string(b))
				if (got == args[0]) == neg {
					ts.Fatalf("wardley exited with %s, want %s%s", got, map[bool]string{true: "not ", false: ""}[neg], args[0])
				}
			},
		},
		Setup: func(e *testscript.Env) error {
			e.Setenv("NO_COLOR", "1")
			e.Setenv("SHARED", sharedDir())
			return nil
		},
	}
}
