package main

import (
	"bytes"
	"fmt"

	"github.com/spf13/cobra"

	"github.com/wardley-maps/wardley/diag"
	"github.com/wardley-maps/wardley/model"
	"github.com/wardley-maps/wardley/outline"
)

func init() { commands = append(commands, newOutlineCmd) }

func newOutlineCmd(env *Env) *cobra.Command {
	return &cobra.Command{
		Use:   "outline FILE|-",
		Short: "List what a map says, one sorted line per thing (for git diff)",
		Long: `Print the outline of a map: its title and settings, then one line per
component, anchor, link, pipeline, evolution, note, annotation, attitude,
accelerator and url, each kind sorted by name, numbers as short as they go.
Two versions of a map compare line by line: a moved component is one
changed line; reordering or reformatting the file, or editing a comment,
changes nothing.

That makes it a git textconv driver: with

  git config diff.wardley.textconv 'wardley outline'
  echo '*.owm diff=wardley' >> .gitattributes

'git diff' and 'git log -p' show map changes as changes of the outline.

The outline is a view, like cat: a map with errors is outlined as far as it
compiles, its errors listed at the end, and the command succeeds whenever
it can read the map (git gives up on a diff when a textconv driver fails).
'wardley check' gives the verdict.`,
		Example: `  wardley outline map.owm
  git config diff.wardley.textconv 'wardley outline'`,
		Args: exactArgs(1),
		RunE: func(_ *cobra.Command, args []string) error {
			ins, err := expandInputs(args)
			if err != nil {
				return err
			}
			if len(ins) != 1 || ins[0].Root != "" {
				return usagef("outline takes one map file (or '-'), not a directory")
			}
			src, err := readInput(env, ins[0])
			if err != nil {
				return err
			}
			m, diags := model.CompileSource(ins[0].Name(), src)
			var b bytes.Buffer
			b.Write(outline.Map(m))
			for _, d := range diags {
				if d.Severity == diag.Error {
					fmt.Fprintf(&b, "error at line %d: %s\n", d.Range.Start.Line, d.Message)
				}
			}
			_, err = env.Stdout.Write(b.Bytes())
			return err
		},
	}
}
