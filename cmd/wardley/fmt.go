package main

import (
	"bytes"
	"fmt"

	"github.com/rogpeppe/go-internal/diff"
	"github.com/spf13/cobra"

	"github.com/wardley-maps/wardley/diag"
	"github.com/wardley-maps/wardley/format"
	"github.com/wardley-maps/wardley/parser"
)

func init() { commands = append(commands, newFmtCmd) }

// fmtOptions are the flags of `wardley fmt`.
type fmtOptions struct {
	write bool
	check bool
	diff  bool
}

func newFmtCmd(env *Env) *cobra.Command {
	var o fmtOptions
	cmd := &cobra.Command{
		Use:   "fmt [flags] FILE|DIR|-...",
		Short: "Lay out map sources in the canonical form",
		Long: `Print each map in the canonical layout: one statement per line, one space
after keywords and between parts, numbers as .5 -> 0.5, operators without
spaces (A->B), the children of a pipeline block indented by two spaces,
comments where they were, runs of blank lines collapsed. The layout never
changes what a map means: a statement that cannot be printed safely is left
exactly as written. README.md lists every rule.

A directory stands for every .owm and .wm file below it; '-' reads standard
input. Without flags the formatted maps go to standard output. A map with
syntax errors is not formatted: its errors go to standard error and the
command exits 1.`,
		Example: `  wardley fmt map.owm              # print the formatted map
  wardley fmt -w maps/             # rewrite every map below maps/ in place
  wardley fmt --check maps/        # CI: list unformatted maps, exit 1 if any
  wardley fmt -d map.owm           # show what would change, as a diff
  cat map.owm | wardley fmt -      # standard input to standard output`,
		Args: minArgs(1),
		RunE: func(_ *cobra.Command, args []string) error { return runFmt(env, o, args) },
	}
	f := cmd.Flags()
	f.BoolVarP(&o.write, "write", "w", false, "write the result to each file instead of standard output (only files that change)")
	f.BoolVar(&o.check, "check", false, "write nothing; list the files that are not formatted and exit 1 if there are any")
	f.BoolVarP(&o.diff, "diff", "d", false, "print the changes as a unified diff instead of the formatted maps")
	return cmd
}

func runFmt(env *Env, o fmtOptions, args []string) error {
	if o.write && o.check {
		return usagef("-w and --check do not go together: --check writes nothing")
	}
	inputs, err := expandInputs(args)
	if err != nil {
		return err
	}
	if o.write {
		for _, in := range inputs {
			if in.Path == "-" {
				return usagef("cannot write standard input back: use 'wardley fmt -' without -w")
			}
		}
	}
	failed, unformatted := false, false
	for _, in := range inputs {
		src, err := readInput(env, in)
		if err != nil {
			fmt.Fprintf(env.Stderr, "wardley: %v\n", err)
			failed = true
			continue
		}
		f, diags := parser.Parse(in.Name(), src)
		if diags.HasErrors() {
			printDiagnostics(env, in.Name(), src, errorsOnly(diags))
			failed = true
			continue
		}
		out := format.Source(f)
		same := bytes.Equal(out, src)
		if !same {
			unformatted = true
		}
		if o.check && !same {
			fmt.Fprintln(env.Stdout, in.Name())
		}
		if o.diff && !same {
			if _, err := env.Stdout.Write(diff.Diff(in.Name()+".orig", src, in.Name(), out)); err != nil {
				return fmt.Errorf("writing standard output: %w", err)
			}
		}
		if o.write && !same {
			if err := writeFileAtomic(in.Path, out); err != nil {
				fmt.Fprintf(env.Stderr, "wardley: %v\n", err)
				failed = true
			}
		}
		if !o.check && !o.diff && !o.write {
			if _, err := env.Stdout.Write(out); err != nil {
				return fmt.Errorf("writing standard output: %w", err)
			}
		}
	}
	if failed || (o.check && unformatted) {
		return errFailed
	}
	return nil
}

// errorsOnly keeps a list's errors: fmt is about layout, and a warning
// does not stop it.
func errorsOnly(l diag.List) diag.List {
	var out diag.List
	for _, d := range l {
		if d.Severity == diag.Error {
			out = append(out, d)
		}
	}
	return out
}
