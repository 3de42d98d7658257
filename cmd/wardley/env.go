package main

import (
	"io"
	"os"
	"runtime"
)

// Env is everything a command may touch of the outside world besides files:
// the standard streams, the environment variables and whether the streams
// are terminals. Tests build their own.
type Env struct {
	Stdin  io.Reader
	Stdout io.Writer
	Stderr io.Writer
	Getenv func(string) string
	// StdoutTTY and StderrTTY say whether the streams are terminals
	// (colour, progress lines).
	StdoutTTY bool
	StderrTTY bool
	// Workers is how many maps are processed at once (default: all cores).
	Workers int
	// MaxInput is the largest input read, in bytes: 0 means the default
	// (16 MiB), < 0 no limit. The --max-input flag sets it.
	MaxInput int64
}

func (e *Env) maxInput() int64 {
	switch {
	case e.MaxInput == 0:
		return defaultMaxInput
	case e.MaxInput < 0:
		return 0
	}
	return e.MaxInput
}

// OSEnv is the process's real environment.
func OSEnv() *Env {
	return &Env{
		Stdin: os.Stdin, Stdout: os.Stdout, Stderr: os.Stderr,
		Getenv:    os.Getenv,
		StdoutTTY: isTerminal(os.Stdout), StderrTTY: isTerminal(os.Stderr),
		Workers: runtime.GOMAXPROCS(0),
	}
}

func isTerminal(f *os.File) bool {
	st, err := f.Stat()
	return err == nil && st.Mode()&os.ModeCharDevice != 0
}

// color reports whether diagnostics on stderr should be coloured: only on a
// terminal, never when NO_COLOR is set (https://no-color.org), and always
// when FORCE_COLOR is set.
func (e *Env) color() bool {
	if e.Getenv("NO_COLOR") != "" {
		return false
	}
	if e.Getenv("FORCE_COLOR") != "" {
		return true
	}
	return e.StderrTTY && e.Getenv("TERM") != "dumb"
}

// stdoutColor reports whether text on stdout may be coloured, by the same
// rules as color.
func (e *Env) stdoutColor() bool {
	if e.Getenv("NO_COLOR") != "" {
		return false
	}
	if e.Getenv("FORCE_COLOR") != "" {
		return true
	}
	return e.StdoutTTY && e.Getenv("TERM") != "dumb"
}
