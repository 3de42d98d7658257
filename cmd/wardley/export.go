package main

import (
	"bytes"
	"encoding/json"
	"fmt"

	"github.com/spf13/cobra"
	"github.com/wardley-maps/wardley/diag"
	"github.com/wardley-maps/wardley/model"
)

func init() { commands = append(commands, newExportCmd) }

type exportOptions struct {
	format string
	output string
}

func newExportCmd(env *Env) *cobra.Command {
	opts := &exportOptions{}
	cmd := &cobra.Command{
		Use:   "export [flags] FILE|-",
		Short: "Write a compiled map as JSON: OWM's own shape, or our model",
		Long: `Export compiles a map and writes it as JSON:

  --format owm   the shape of OnlineWardleyMaps' own parse (wmlandscape's
                 UnifiedWardleyMap): the same keys, nesting and order, for
                 tools built around OWM
  --format json  our model: names resolved, defaults applied, ids, evolved
                 copies, drawn label offsets, with the diagnostics

The JSON goes to standard output, or to the file given with -o (written
atomically). Diagnostics go to standard error. A map with errors is still
exported to standard output, and the command exits 1; with -o, a map with
errors is not written, so that a good file is never replaced by a broken one.`,
		Example: `  wardley export --format owm map.owm > map.json
  wardley export --format json -o model.json map.owm
  cat map.owm | wardley export -`,
		Args: exactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			return runExport(env, opts, args[0])
		},
	}
	cmd.Flags().StringVar(&opts.format, "format", "owm", "output format: owm or json")
	cmd.Flags().StringVarP(&opts.output, "output", "o", "", "write to `FILE` instead of standard output ('-' for standard output)")
	return cmd
}

func runExport(env *Env, opts *exportOptions, arg string) error {
	if opts.format != "owm" && opts.format != "json" {
		return usagef("unknown format %q for export (want owm or json)", opts.format)
	}
	inputs, err := expandInputs([]string{arg})
	if err != nil {
		return err
	}
	if len(inputs) != 1 || (inputs[0].Root != "" && arg != "-") {
		return usagef("export takes one map file (or '-'), not a directory")
	}
	in := inputs[0]
	if err := overwritesInput(opts.output, statInputs(in.Path)); err != nil {
		return err
	}
	src, err := readInput(env, in)
	if err != nil {
		return err
	}
	m, diags := model.CompileSource(in.Name(), src)
	var out []byte
	if opts.format == "owm" {
		out = m.OWM(diags)
	} else {
		out, err = modelJSON(in.Name(), src, m, diags)
		if err != nil {
			return err
		}
	}
	if len(diags) > 0 {
		if err := diag.WriteText(env.Stderr, diag.Report{File: diag.NewFile(in.Name(), src), List: diags},
			diag.TextOptions{Color: env.color()}); err != nil {
			return err
		}
	}
	if opts.output == "" || opts.output == "-" {
		if _, err := env.Stdout.Write(out); err != nil {
			return err
		}
	} else {
		if diags.HasErrors() {
			fmt.Fprintf(env.Stderr, "wardley: %s has errors: %s not written\n", in.Name(), opts.output)
			return errFailed
		}
		if err := writeFileAtomic(opts.output, out); err != nil {
			return err
		}
	}
	if diags.HasErrors() {
		return errFailed
	}
	return nil
}

// modelJSON is the --format json document: the file name, our model and
// the diagnostics (in the shape of `check --format json`).
func modelJSON(name string, src []byte, m *model.Map, diags diag.List) ([]byte, error) {
	var d bytes.Buffer
	if err := diag.WriteJSON(&d, []diag.Report{{File: diag.NewFile(name, src), List: diags}}); err != nil {
		return nil, err
	}
	doc := struct {
		File        string          `json:"file"`
		Map         *model.Map      `json:"map"`
		Diagnostics json.RawMessage `json:"diagnostics"`
	}{name, m, d.Bytes()}
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	if err := enc.Encode(doc); err != nil {
		return nil, err
	}
	return b.Bytes(), nil
}
