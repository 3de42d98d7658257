package main

import (
	"fmt"
	"io"

	"github.com/spf13/cobra"
	"github.com/wardley-maps/wardley/diag"
	"github.com/wardley-maps/wardley/model"
)

func init() { commands = append(commands, newCheckCmd) }

type checkOptions struct {
	format string
}

func newCheckCmd(env *Env) *cobra.Command {
	opts := &checkOptions{}
	cmd := &cobra.Command{
		Use:   "check [flags] FILE|DIR|-...",
		Short: "Report every problem in maps, without drawing them",
		Long: `Check reads maps and reports every error and warning, each with its file,
line and column, the source line and a caret under the exact place, and a
suggestion where there is one. A directory is searched for .owm and .wm files;
'-' reads standard input.

Errors are lines that cannot be read as written; warnings are lines that are
read, but probably not as meant, or not as OnlineWardleyMaps reads them. Every
code is explained in docs/diagnostics.md.

Exit status: 0 when no map has an error (warnings allowed), 1 when one has,
2 for a wrong command line.`,
		Example: `  wardley check map.owm
  wardley check docs/maps/
  wardley check --format github docs/maps/   # annotations in GitHub Actions
  cat map.owm | wardley check -`,
		Args: minArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			return runCheck(env, opts, args)
		},
	}
	cmd.Flags().StringVar(&opts.format, "format", "text", "output format: text (to stderr), json or github (to stdout)")
	return cmd
}

func runCheck(env *Env, opts *checkOptions, args []string) error {
	switch opts.format {
	case "text", "json", "github":
	default:
		return usagef("unknown format %q for check (want text, json or github)", opts.format)
	}
	inputs, err := expandInputs(args)
	if err != nil {
		return err
	}
	if len(inputs) == 0 {
		return fmt.Errorf("no maps (.owm or .wm files) in %v", args)
	}
	var reports []diag.Report
	failed := false
	for _, in := range inputs {
		src, err := readInput(env, in)
		if err != nil {
			fmt.Fprintf(env.Stderr, "wardley: %v\n", err)
			failed = true
			continue
		}
		_, diags := model.CompileSource(in.Name(), src)
		if diags.HasErrors() {
			failed = true
		}
		reports = append(reports, diag.Report{File: diag.NewFile(in.Name(), src), List: diags})
	}
	switch opts.format {
	case "json":
		err = diag.WriteJSON(env.Stdout, reports)
	case "github":
		err = diag.WriteGitHub(env.Stdout, reports)
	default:
		err = writeTextReports(env, reports, len(inputs))
	}
	if err != nil {
		return err
	}
	if failed {
		return errFailed
	}
	return nil
}

// writeTextReports prints the reports on stderr, then a summary line when
// there is anything to report.
func writeTextReports(env *Env, reports []diag.Report, checked int) error {
	errs, warns, files := 0, 0, 0
	for _, r := range reports {
		if len(r.List) == 0 {
			continue
		}
		files++
		e, w := r.List.Count()
		errs, warns = errs+e, warns+w
		if err := diag.WriteText(env.Stderr, r, diag.TextOptions{Color: env.color()}); err != nil {
			return err
		}
	}
	if files == 0 {
		return nil
	}
	return writeSummary(env.Stderr, errs, warns, files, checked)
}

// writeSummary prints "2 errors, 1 warning in 1 file (3 files checked)".
func writeSummary(w io.Writer, errs, warns, files, checked int) error {
	var s string
	switch {
	case errs > 0 && warns > 0:
		s = plural(errs, "error") + ", " + plural(warns, "warning")
	case errs > 0:
		s = plural(errs, "error")
	default:
		s = plural(warns, "warning")
	}
	s += " in " + plural(files, "file")
	if checked > files {
		s += fmt.Sprintf(" (%s checked)", plural(checked, "file"))
	}
	_, err := fmt.Fprintln(w, s)
	return err
}
