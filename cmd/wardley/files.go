package main

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"os/signal"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"sync"
	"syscall"
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

// readInput reads a map; stdin is read from env. Neither may be more than
// env's input limit.
func readInput(env *Env, in input) ([]byte, error) {
	if in.Path == "-" {
		return readLimited(env, "<stdin>", "map", env.Stdin, -1)
	}
	return readFile(env, in.Path, "map")
}

// defaultMaxInput is the largest input read unless --max-input says
// otherwise: a thousand times the largest real map, small enough that a
// runaway file (a log, /dev/zero, a binary) is refused at once.
const defaultMaxInput = 16 << 20

// readFile reads a file of at most env's input limit; what names it in
// the error ("map", "Markdown file").
func readFile(env *Env, path, what string) ([]byte, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, unwrapPathError(err))
	}
	defer f.Close()
	size := int64(-1)
	if st, err := f.Stat(); err == nil && st.Mode().IsRegular() {
		size = st.Size()
	}
	return readLimited(env, path, what, f, size)
}

// readLimited reads r, of size bytes when known (else -1), refusing more
// than env's input limit without reading it all: /dev/zero or an endless
// pipe gets the error rather than exhausting memory.
func readLimited(env *Env, name, what string, r io.Reader, size int64) ([]byte, error) {
	limit := env.maxInput()
	if limit > 0 && size > limit {
		return nil, &tooBigError{name: name, what: what, size: size, limit: limit}
	}
	if limit > 0 {
		r = io.LimitReader(r, limit+1)
	}
	b, err := io.ReadAll(r)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", name, unwrapPathError(err))
	}
	if limit > 0 && int64(len(b)) > limit {
		return nil, &tooBigError{name: name, what: what, size: -1, limit: limit}
	}
	return b, nil
}

// tooBigError is an input over the --max-input limit.
type tooBigError struct {
	name, what  string
	size, limit int64 // size -1: unknown (a stream), more than limit
}

func (e *tooBigError) Error() string {
	if e.size < 0 {
		return fmt.Sprintf("%s: the %s is more than the limit of %s (--max-input to raise it)", e.name, e.what, formatSize(e.limit))
	}
	return fmt.Sprintf("%s: the %s is %s, more than the limit of %s (--max-input to raise it)", e.name, e.what, formatSize(e.size), formatSize(e.limit))
}

// formatSize writes n bytes for people: 16 MiB, 20.0 MiB, 512 KiB, 100 bytes.
func formatSize(n int64) string {
	for _, u := range []struct {
		unit string
		size int64
	}{{"GiB", 1 << 30}, {"MiB", 1 << 20}, {"KiB", 1 << 10}} {
		if n >= u.size {
			if n%u.size == 0 {
				return fmt.Sprintf("%d %s", n/u.size, u.unit)
			}
			return fmt.Sprintf("%.1f %s", float64(n)/float64(u.size), u.unit)
		}
	}
	return fmt.Sprintf("%d bytes", n)
}

// parseSize reads a --max-input value: a number of bytes, optionally with
// a unit (K, KB, KiB, M, MB, MiB, G, GB, GiB: all powers of 1024, as for
// the default's "16MiB"); 0 means no limit.
func parseSize(s string) (int64, error) {
	t := strings.TrimSpace(s)
	i := 0
	for i < len(t) && (t[i] >= '0' && t[i] <= '9' || t[i] == '.') {
		i++
	}
	num, unit := t[:i], strings.ToLower(strings.TrimSpace(t[i:]))
	v, err := strconv.ParseFloat(num, 64)
	if err != nil || num == "" {
		return 0, fmt.Errorf("invalid size %q: want a number of bytes, such as 64MiB or 1048576", s)
	}
	mult := map[string]float64{"": 1, "b": 1, "k": 1 << 10, "kb": 1 << 10, "kib": 1 << 10,
		"m": 1 << 20, "mb": 1 << 20, "mib": 1 << 20, "g": 1 << 30, "gb": 1 << 30, "gib": 1 << 30}[unit]
	if mult == 0 {
		return 0, fmt.Errorf("invalid size %q: unknown unit %q (units: K, M, G, or KiB, MiB, GiB)", s, t[i:])
	}
	if v*mult > 1<<50 {
		return 0, fmt.Errorf("invalid size %q: too large", s)
	}
	return int64(v * mult), nil
}

// writeFileAtomic writes data to path through a temporary file in the same
// directory, renamed into place only once fully written and synced: an
// error, a full disk or an interrupt never leaves a partial file, and never
// replaces a good one. The file keeps the mode of the file it replaces.
// The temporary file is removed on error, and on SIGINT or SIGTERM while
// it exists (see trackTemp). When path is a symbolic link, the file it
// leads to is replaced and the link kept, as cp and a shell's > do:
// renaming over the link would turn it into a file of its own and leave
// the file it named stale.
func writeFileAtomic(path string, data []byte) (err error) {
	target, st, err := linkTarget(path)
	if err != nil {
		return err
	}
	dir := filepath.Dir(target)
	mode := os.FileMode(0o644)
	if st != nil {
		switch m := st.Mode(); {
		case m&(os.ModeDevice|os.ModeCharDevice|os.ModeNamedPipe) != 0:
			// /dev/null, /dev/stdout, a pipe: nothing to replace, and a
			// device cannot be renamed over; write to it as cat would.
			return writeDevice(path, data)
		case m.IsDir():
			return fmt.Errorf("%s: is a directory", path)
		case !m.IsRegular():
			return fmt.Errorf("%s: not a regular file", path)
		}
		mode = st.Mode().Perm()
	}
	tmp, err := os.CreateTemp(dir, "."+filepath.Base(target)+".tmp-*")
	if err != nil {
		return fmt.Errorf("%s: %w", path, unwrapPathError(err))
	}
	name := tmp.Name()
	trackTemp(name)
	defer untrackTemp(name)
	defer func() {
		if err != nil {
			tmp.Close()
			os.Remove(name)
		}
	}()
	if err = writeTemp(tmp, data); err != nil {
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
	if err = beforeRename(name); err != nil {
		return fmt.Errorf("%s: %w", path, err)
	}
	if err = os.Rename(name, target); err != nil {
		return fmt.Errorf("%s: %w", path, unwrapPathError(err))
	}
	return nil
}

// linkTarget is the file path names: path itself, or the file a symbolic
// link leads to, through every link on the way; and what that file is, or
// nil when there is none yet. For a path that is not a link, the one Lstat
// answers both.
func linkTarget(path string) (string, os.FileInfo, error) {
	st, err := os.Lstat(path)
	if err != nil {
		return path, nil, nil
	}
	if st.Mode()&os.ModeSymlink == 0 {
		return path, st, nil
	}
	t, err := filepath.EvalSymlinks(path)
	if err != nil {
		return "", nil, fmt.Errorf("%s: a symbolic link that leads to no file (%w)", path, unwrapPathError(err))
	}
	if st, err = os.Stat(t); err != nil {
		return t, nil, nil
	}
	return t, st, nil
}

// writeDevice writes data to a device or a named pipe that exists.
func writeDevice(path string, data []byte) error {
	f, err := os.OpenFile(path, os.O_WRONLY, 0)
	if err != nil {
		return fmt.Errorf("%s: %w", path, unwrapPathError(err))
	}
	_, err = f.Write(data)
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return fmt.Errorf("%s: %w", path, unwrapPathError(err))
	}
	return nil
}

// writeTemp and beforeRename are where tests make a write fail or stop
// half-way (a full disk, an interrupt).
var (
	writeTemp = func(f *os.File, data []byte) error {
		_, err := f.Write(data)
		return err
	}
	beforeRename = func(tmp string) error { return nil }
)

// temps are the temporary files being written. While there are any, or a
// batch that writes them holds the handler (holdTemps), SIGINT and SIGTERM
// remove them before the process exits (with 130 or 143, as a shell
// reports a process killed by the signal); otherwise the signals keep
// their usual effect.
var temps struct {
	sync.Mutex
	files map[string]bool
	hold  int
	sig   chan os.Signal
}

// holdTemps keeps the signal handler installed until release is called:
// a batch installs it once, where installing and removing it for each
// file cost a goroutine and a dozen system calls a map.
func holdTemps() (release func()) {
	temps.Lock()
	defer temps.Unlock()
	temps.hold++
	watchSignals()
	return func() {
		temps.Lock()
		defer temps.Unlock()
		temps.hold--
		stopSignals()
	}
}

func trackTemp(name string) {
	temps.Lock()
	defer temps.Unlock()
	if temps.files == nil {
		temps.files = map[string]bool{}
	}
	temps.files[name] = true
	watchSignals()
}

func untrackTemp(name string) {
	temps.Lock()
	defer temps.Unlock()
	delete(temps.files, name)
	stopSignals()
}

// watchSignals installs the handler if it is not; temps is locked.
func watchSignals() {
	if temps.sig != nil {
		return
	}
	c := make(chan os.Signal, 1)
	signal.Notify(c, os.Interrupt, syscall.SIGTERM)
	temps.sig = c
	go func() {
		if s, ok := <-c; ok {
			os.Exit(interrupted(s))
		}
	}()
}

// stopSignals removes the handler when nothing needs it; temps is locked.
func stopSignals() {
	if len(temps.files) == 0 && temps.hold == 0 && temps.sig != nil {
		signal.Stop(temps.sig)
		close(temps.sig)
		temps.sig = nil
	}
}

// interrupted removes the temporary files being written and returns the
// exit code for signal s. The lock is kept, so that no write starts or
// renames its file while the process exits.
func interrupted(s os.Signal) int {
	temps.Lock()
	for name := range temps.files {
		os.Remove(name)
	}
	if s == syscall.SIGTERM {
		return 128 + int(syscall.SIGTERM)
	}
	return 128 + int(syscall.SIGINT)
}

// overwritesInput refuses an output that is one of the inputs (the same
// file, whatever the path: os.SameFile sees through links), so that
// `render map.owm -o map.owm --format svg` cannot replace a map with its
// picture: only fmt -w and md write to their inputs. ins comes from
// statInputs.
func overwritesInput(out string, ins []os.FileInfo) error {
	if out == "" || out == "-" || len(ins) == 0 {
		return nil
	}
	ost, err := os.Stat(out)
	if err != nil {
		return nil // a new file
	}
	for _, in := range ins {
		if os.SameFile(ost, in) {
			return usagef("%s is an input: writing to it would replace the map", out)
		}
	}
	return nil
}

// statInputs is what overwritesInput compares outputs with: the inputs
// that are files.
func statInputs(paths ...string) []os.FileInfo {
	var out []os.FileInfo
	for _, p := range paths {
		if p == "" || p == "-" {
			continue
		}
		if st, err := os.Stat(p); err == nil {
			out = append(out, st)
		}
	}
	return out
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
