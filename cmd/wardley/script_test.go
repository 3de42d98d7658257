package main

import (
	"fmt"
	"image/png"
	"io/fs"
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
			if f := os.Getenv("WARDLEY_TEST_STALL_RENAME"); f != "" {
				stallRename(f)
			}
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

var agedTime = time.Date(2001, 2, 3, 4, 5, 6, 0, time.UTC)

func scriptParams() testscript.Params {
	return testscript.Params{
		Dir:           "testdata/script",
		UpdateScripts: *update,
		Cmds: map[string]func(ts *testscript.TestScript, neg bool, args []string){
			// pngsize FILE W H: FILE is a PNG of W × H pixels.
			"pngsize": func(ts *testscript.TestScript, neg bool, args []string) {
				if len(args) != 3 || neg {
					ts.Fatalf("usage: pngsize FILE W H")
				}
				f, err := os.Open(ts.MkAbs(args[0]))
				ts.Check(err)
				defer f.Close()
				cfg, err := png.DecodeConfig(f)
				if err != nil {
					ts.Fatalf("%s is not a PNG: %v", args[0], err)
				}
				if got := fmt.Sprintf("%d %d", cfg.Width, cfg.Height); got != args[1]+" "+args[2] {
					ts.Fatalf("%s is %d × %d, want %s × %s", args[0], cfg.Width, cfg.Height, args[1], args[2])
				}
			},
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
			// repo-copy PATH...: copy files or directories of the repository
			// (relative to its root) into the script's directory.
			"repo-copy": func(ts *testscript.TestScript, neg bool, args []string) {
				for _, a := range args {
					ts.Check(copyTree(filepath.Join("..", "..", a), ts.MkAbs(a)))
				}
			},
			// sleep DURATION: give background commands (wardley watch) time
			// to start.
			"sleep": func(ts *testscript.TestScript, neg bool, args []string) {
				if len(args) != 1 {
					ts.Fatalf("usage: sleep DURATION")
				}
				d, err := time.ParseDuration(args[0])
				ts.Check(err)
				time.Sleep(d)
			},
			// age FILE...: set the files' modification time to 2001-02-03;
			// `aged FILE...` checks that it is still that (the file was not
			// rewritten).
			"age": func(ts *testscript.TestScript, neg bool, args []string) {
				for _, a := range args {
					ts.Check(os.Chtimes(ts.MkAbs(a), agedTime, agedTime))
				}
			},
			"aged": func(ts *testscript.TestScript, neg bool, args []string) {
				for _, a := range args {
					st, err := os.Stat(ts.MkAbs(a))
					ts.Check(err)
					if st.ModTime().Equal(agedTime) == neg {
						ts.Fatalf("%s: modified %v (aged: %v)", a, st.ModTime(), !neg)
					}
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

// copyTree copies a file, or a directory and everything below it.
func copyTree(from, to string) error {
	return filepath.WalkDir(from, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(from, p)
		dst := filepath.Join(to, rel)
		if d.IsDir() {
			return os.MkdirAll(dst, 0o755)
		}
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		if err := os.MkdirAll(filepath.Dir(dst), 0o755); err != nil {
			return err
		}
		return os.WriteFile(dst, b, 0o644)
	})
}
