package main

import (
	"errors"
	"fmt"
	"io"
	"runtime/debug"
	"strings"

	"github.com/spf13/cobra"
)

// Exit codes, the same for every command.
const (
	exitOK       = 0 // success; warnings allowed
	exitFailed   = 1 // the input has errors, or a check failed
	exitUsage    = 2 // the command line is wrong
	exitInternal = 3 // a bug in wardley
)

// errFailed means "the command failed and has already said why": Main exits
// 1 without printing anything more.
var errFailed = errors.New("failed")

// usageError is a mistake on the command line: Main prints it with a hint
// and exits 2.
type usageError struct{ msg string }

func (e usageError) Error() string { return e.msg }

func usagef(format string, args ...any) error {
	return usageError{fmt.Sprintf(format, args...)}
}

// Main runs wardley with args (without the program name) and returns the
// exit code. It never panics: a bug becomes an "internal error" message and
// exit code 3 (WARDLEY_DEBUG=1 adds the stack).
func Main(env *Env, args []string) (code int) {
	defer func() {
		if r := recover(); r != nil {
			reportInternal(env.Stderr, r, env.Getenv("WARDLEY_DEBUG") != "")
			code = exitInternal
		}
	}()
	root := newRoot(env)
	root.SetArgs(args)
	err := root.Execute()
	switch {
	case err == nil:
		return exitOK
	case errors.Is(err, errFailed):
		return exitFailed
	case errors.Is(err, errInternal):
		return exitInternal
	}
	var ue usageError
	if errors.As(err, &ue) || isCobraUsage(err) {
		fmt.Fprintf(env.Stderr, "wardley: %s\n", err)
		fmt.Fprintln(env.Stderr, "Run 'wardley help' for usage.")
		return exitUsage
	}
	fmt.Fprintf(env.Stderr, "wardley: %s\n", err)
	return exitFailed
}

// reportInternal writes the report of a panic (a bug in wardley): what
// went wrong and where to report it; the stack only when asked for. Main
// calls it for the main goroutine, safely for each worker's.
func reportInternal(w io.Writer, v any, stack bool) {
	fmt.Fprintf(w, "wardley: internal error: %v\n", v)
	fmt.Fprintln(w, "This is a bug in wardley. Please report it with the map that caused it:")
	fmt.Fprintln(w, "  https://github.com/wardley-maps/wardley/issues")
	if stack {
		fmt.Fprintf(w, "\n%s", debug.Stack())
	} else {
		fmt.Fprintln(w, "(set WARDLEY_DEBUG=1 to see the stack trace)")
	}
}

// isCobraUsage recognises the errors cobra itself returns for a wrong
// command line (it has no error types for them).
func isCobraUsage(err error) bool {
	s := err.Error()
	return strings.HasPrefix(s, "unknown command") || strings.HasPrefix(s, "unknown flag") ||
		strings.HasPrefix(s, "unknown shorthand flag") || strings.Contains(s, "flag needs an argument") ||
		strings.HasPrefix(s, "invalid argument") || strings.HasPrefix(s, "accepts ") ||
		strings.HasPrefix(s, "requires at least") || strings.HasPrefix(s, "bad flag syntax")
}

// commands lists the constructors of the subcommands; each command file
// adds itself in an init function, so that commands stay independent.
var commands []func(*Env) *cobra.Command

func newRoot(env *Env) *cobra.Command {
	root := &cobra.Command{
		Use:   "wardley",
		Short: "Compile and render Wardley maps written in the OnlineWardleyMaps language",
		Long: `wardley reads Wardley maps written in the OnlineWardleyMaps (OWM) text language,
reports every problem with its line and column, and draws the map as SVG, PNG or
PDF: the same bytes on every run, without a browser or network.`,
		SilenceErrors: true,
		SilenceUsage:  true,
		Version:       version(),
	}
	root.SetIn(env.Stdin)
	root.SetOut(env.Stdout)
	root.SetErr(env.Stderr)
	root.SetFlagErrorFunc(func(_ *cobra.Command, err error) error { return usageError{err.Error()} })
	root.SetVersionTemplate("wardley {{.Version}}\n")
	maxInput := root.PersistentFlags().String("max-input", "16MiB",
		"refuse inputs larger than this (maps, Markdown files, standard input); 0 for no limit")
	root.PersistentPreRunE = func(c *cobra.Command, _ []string) error {
		if !c.Flags().Changed("max-input") {
			return nil // env's own (the default unless a test set one)
		}
		n, err := parseSize(*maxInput)
		if err != nil {
			return usagef("--max-input: %v", err)
		}
		if n == 0 {
			n = -1
		}
		env.MaxInput = n
		return nil
	}
	for _, c := range commands {
		root.AddCommand(c(env))
	}
	// Made now rather than when the command runs, so that the man pages
	// and the tests see it.
	root.InitDefaultCompletionCmd()
	addCompletions(root)
	return root
}

// buildVersion can be set at link time (-ldflags "-X main.buildVersion=v1.2.3");
// otherwise the version comes from the module build info, which `go install
// module@version` fills in.
var buildVersion = ""

func version() string {
	info, ok := debug.ReadBuildInfo()
	return versionFrom(buildVersion, info, ok)
}

// versionFrom is the version: the release tag given at link time, else
// the module version (a tag, or a pseudo-version for a commit), else
// "(devel)" with the commit of a checkout's build.
func versionFrom(linked string, info *debug.BuildInfo, ok bool) string {
	if linked != "" {
		if linked[0] >= '0' && linked[0] <= '9' {
			// Release tools pass the version without its "v".
			linked = "v" + linked
		}
		return linked
	}
	if !ok {
		return "(unknown)"
	}
	v := info.Main.Version
	if v == "" {
		v = "(devel)"
	}
	var rev, dirty string
	for _, s := range info.Settings {
		switch s.Key {
		case "vcs.revision":
			rev = s.Value
		case "vcs.modified":
			if s.Value == "true" {
				dirty = "-dirty"
			}
		}
	}
	if rev != "" && v == "(devel)" {
		if len(rev) > 12 {
			rev = rev[:12]
		}
		v += " " + rev + dirty
	}
	return v
}

// exactArgs and minArgs are cobra's argument checks, reporting usage errors.
func minArgs(n int) cobra.PositionalArgs {
	return func(_ *cobra.Command, args []string) error {
		if len(args) < n {
			return usagef("expected at least %d argument(s), got %d", n, len(args))
		}
		return nil
	}
}

func exactArgs(n int) cobra.PositionalArgs {
	return func(_ *cobra.Command, args []string) error {
		if len(args) != n {
			return usagef("expected %d argument(s), got %d", n, len(args))
		}
		return nil
	}
}
