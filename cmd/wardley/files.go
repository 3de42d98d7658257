package main

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
)

// mapExtensions are the file name endings treated as maps when a directory
// is given.
var mapExtensions = []string{".owm", ".wm"}

func isMapFile(name string) bool {
	ext := strings.ToLower(filepath.Ext(name))
	for _, e := range mapExtensions {
		if ext == e {
			return true
		}
	}
	return false
}

// input is one map to read: a file, or standard input ("-").
type input struct {
	// Path is the file's path as given or found, or "-" for stdin.
	Path string
	// Root is the directory argument Path was found under ("" for files
	// named directly); outputs under --out-dir keep the tree below it.
	Root string
}

// Name is what diagnostics call the input.
func (in input) Name() string {
	if in.Path == "-" {
		return "<stdin>"
	}
	return in.Path
}

// expandInputs turns FILE|DIR|- arguments into inputs: files as given,
// directories searched recursively for .owm and .wm files (sorted, hidden
// directories skipped), "-" as stdin (at most once).
func expandInputs(args []string) ([]input, error) {
	var out []input
	stdin := false
	for _, a := range args {
		if a == "-" {
			if stdin {
				return nil, usagef("standard input ('-') can be read only once")
			}
			stdin = true
			out = append(out, input{Path: "-"})
			continue
		}
		st, err := os.Stat(a)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", a, unwrapPathError(err))
		}
		if !st.IsDir() {
			out = append(out, input{Path: a})
			continue
		}
		var found []string
		err = filepath.WalkDir(a, func(p string, d fs.DirEntry, err error) error {
			if err != nil {
				return err
			}
			if d.IsDir() {
				if p != a && strings.HasPrefix(d.Name(), ".") {
					return filepath.SkipDir
				}
				return nil
			}
			if isMapFile(p) {
				found = append(found, p)
			}
			return nil
		})
		if err != nil {
			return nil, err
		}
		sort.Strings(found)
		for _, p := range found {
			out = append(out, input{Path: p, Root: a})
		}
	}
	return out, nil
}

// unwrapPathError drops the path from an *fs.PathError so that messages
// name the file once.
func unwrapPathError(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}

// readInput reads a map; stdin is read from env.
func readInput(env *Env, in input) ([]byte, error) {
	if in.Path == "-" {
		return io.ReadAll(env.Stdin)
	}
	b, err := os.ReadFile(in.Path)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", in.Path, unwrapPathError(err))
	}
	return b, nil
}

// writeFileAtomic writes data to path through a temporary file in the same
// directory, renamed into place only once fully written and synced: an
// error, a full disk or an interrupt never leaves a partial file, and never
// replaces a good one. The file keeps the mode of the file it replaces.
func writeFileAtomic(path string, data []byte) (err error) {
	dir := filepath.Dir(path)
	mode := os.FileMode(0o644)
	if st, err := os.Stat(path); err == nil {
		if !st.Mode().IsRegular() {
			return fmt.Errorf("%s: not a regular file", path)
		}
		mode = st.Mode().Perm()
	}
	tmp, err := os.CreateTemp(dir, "."+filepath.Base(path)+".tmp-*")
	if err != nil {
		return fmt.Errorf("%s: %w", path, unwrapPathError(err))
	}
	name := tmp.Name()
	defer func() {
		if err != nil {
			tmp.Close()
			os.Remove(name)
		}
	}()
	if _, err = tmp.Write(data); err != nil {
		return fmt.Errorf("%s: %w", path, unwrapPathError(err))
	}
	if err = tmp.Chmod(mode); err != nil {
		return fmt.Errorf("%s: %w", path, unwrapPathError(err))
	}
	if err = tmp.Sync(); err != nil {
		return fmt.Errorf("%s: %w", path, unwrapPathError(err))
	}
	if err = tmp.Close(); err != nil {
		return fmt.Errorf("%s: %w", path, unwrapPathError(err))
	}
	if err = os.Rename(name, path); err != nil {
		return fmt.Errorf("%s: %w", path, unwrapPathError(err))
	}
	return nil
}

// hasDir reports whether some inputs were found in a directory argument.
func hasDir(inputs []input) bool {
	for _, in := range inputs {
		if in.Root != "" {
			return true
		}
	}
	return false
}
