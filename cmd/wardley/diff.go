package main

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"

	"github.com/spf13/cobra"

	"github.com/wardley-maps/wardley"
	"github.com/wardley-maps/wardley/diag"
	"github.com/wardley-maps/wardley/diff"
	"github.com/wardley-maps/wardley/model"
)

func init() { commands = append(commands, newDiffCmd) }

// diffOptions are the flags of `wardley diff`.
type diffOptions struct {
	output   string
	format   string
	picture  pictureOptions
	exitCode bool
}

// The text formats of diff; the picture formats are wardley's.
const (
	formatText = "text"
	formatJSON = "json"
)

func newDiffCmd(env *Env) *cobra.Command {
	var o diffOptions
	cmd := &cobra.Command{
		Use:   "diff [flags] OLD NEW",
		Short: "Show what changed between two versions of a map",
		Long: `Compare two versions of a map and show what changed in meaning: components
added, removed, renamed or moved, links, evolves, pipelines, decorators,
labels, notes and the rest. Comments and formatting change nothing.

Each side is a file, '-' for standard input (once), or REV:path for a
version in git: HEAD:map.owm, main:docs/map.owm, :map.owm for the staged
one. The path is relative to the current directory, as in git's REV:./path;
REV:/path starts from the repository's top. An existing file of that name
wins.

The summary is one sentence per change, on standard output; --format json
writes it as JSON. -o FILE writes to a file in the format its extension
names: .txt, .json, or a picture. The picture is the new map with added
things ringed in green, removed ones dashed in fuchsia where they were,
moves as blue arrows and changed attributes as numbered orange badges,
explained by a legend.

The exit status is 0 whether or not the maps differ, 1 when a map has
errors; with --exit-code, 1 also when they differ, as 'git diff
--exit-code'.

As git's diff driver ('git config diff.wardley.command "wardley diff"' and
'*.owm diff=wardley' in .gitattributes), it reads the seven arguments git
passes and prints the summary under a header per file.`,
		Example: `  wardley diff old.owm new.owm
  wardley diff HEAD:map.owm map.owm           # what the working copy changed
  wardley diff main:map.owm HEAD:map.owm -o changes.svg
  wardley diff --format json a.owm b.owm
  git show main:map.owm | wardley diff - map.owm`,
		Args: diffArgs,
		RunE: func(_ *cobra.Command, args []string) error { return runDiff(env, o, args) },
	}
	f := cmd.Flags()
	f.StringVarP(&o.output, "output", "o", "", "write to `FILE` ('-' for standard output); its extension picks the format")
	f.StringVar(&o.format, "format", "", "output `FORMAT`: text, json, "+formatNames()+" (default: from -o's extension, else text)")
	o.picture.addFlags(f)
	f.BoolVar(&o.exitCode, "exit-code", false, "exit with status 1 when the maps differ")
	return cmd
}

func diffArgs(_ *cobra.Command, args []string) error {
	switch {
	case len(args) == 2, gitExternal(args):
		return nil
	}
	return usagef("expected OLD and NEW, got %d argument(s)", len(args))
}

// gitExternal reports whether args are what git passes an external diff
// driver: path old-file old-hex old-mode new-file new-hex new-mode, and for
// a rename the new path and a description.
func gitExternal(args []string) bool {
	if len(args) != 7 && len(args) != 9 {
		return false
	}
	hex := func(s string) bool {
		if s == "." {
			return true
		}
		if len(s) != 40 && len(s) != 64 {
			return false
		}
		return strings.Trim(s, "0123456789abcdef") == ""
	}
	mode := func(s string) bool { return s == "." || len(s) == 6 && strings.Trim(s, "01234567") == "" }
	return hex(args[2]) && mode(args[3]) && hex(args[5]) && mode(args[6])
}

// side is one version of the map: where it comes from and what
// diagnostics call it.
type side struct {
	arg  string // as given
	name string // in diagnostics and the legend
	src  []byte
	m    *model.Map
}

func runDiff(env *Env, o diffOptions, args []string) error {
	if gitExternal(args) {
		return runGitDiff(env, o, args)
	}
	format, err := o.resolveFormat()
	if err != nil {
		return err
	}
	if err := o.check(format); err != nil {
		return err
	}
	if args[0] == "-" && args[1] == "-" {
		return usagef("standard input ('-') can be read only once")
	}
	out := o.output
	if out == "" {
		out = "-"
	}
	if out == "-" && env.StdoutTTY && binaryFormat(wardley.Format(format)) {
		return usagef("%s is binary: use -o FILE, or redirect standard output", strings.ToUpper(format))
	}
	if err := overwritesInput(out, statInputs(args[0], args[1])); err != nil {
		return err
	}
	sides := [2]*side{{arg: args[0]}, {arg: args[1]}}
	for _, s := range sides {
		if err := readSide(env, s); err != nil {
			return err
		}
	}
	if !compileSides(env, sides) {
		return errFailed
	}
	res := diff.Compare(sides[0].m, sides[1].m)
	data, err := renderDiff(env, res, format, o, sides[0].name, sides[1].name, out == "-")
	if err != nil {
		return err
	}
	if out == "-" {
		if _, err := env.Stdout.Write(data); err != nil {
			return fmt.Errorf("writing standard output: %w", err)
		}
	} else if err := writeFileAtomic(out, data); err != nil {
		return err
	}
	if o.exitCode && !res.Empty() {
		return errFailed
	}
	return nil
}

func isText(format string) bool { return format == formatText || format == formatJSON }

// resolveFormat picks the output: --format, else -o's extension (.txt and
// .json for the summaries, the picture formats), else the text summary.
func (o diffOptions) resolveFormat() (string, error) {
	known := func(f string) bool {
		if isText(f) {
			return true
		}
		for _, ok := range wardley.Formats() {
			if wardley.Format(f) == ok {
				return true
			}
		}
		return false
	}
	if o.format != "" {
		f := strings.ToLower(o.format)
		if f == "txt" {
			f = formatText
		}
		if !known(f) {
			return "", usagef("unknown format %q (formats: text, json, %s)", o.format, formatNames())
		}
		return f, nil
	}
	if o.output != "" && o.output != "-" {
		switch strings.ToLower(filepath.Ext(o.output)) {
		case ".txt":
			return formatText, nil
		case ".json":
			return formatJSON, nil
		}
		f, ok := wardley.FormatOf(o.output)
		if !ok {
			return "", usagef("cannot tell the format of %s from its extension (formats: .txt, .json, %s); use --format",
				o.output, formatExtensions())
		}
		return string(f), nil
	}
	return formatText, nil
}

func formatExtensions() string {
	var s []string
	for _, f := range wardley.Formats() {
		s = append(s, "."+string(f))
	}
	return strings.Join(s, ", ")
}

// check refuses picture flags that would do nothing.
func (o diffOptions) check(format string) error {
	if err := o.picture.check(); err != nil {
		return err
	}
	if p := o.picture; isText(format) && (p.style != "" || p.width != 0 || p.height != 0) {
		return usagef("--style, --width and --height are for pictures; the %s summary has none", format)
	}
	return nil
}

// readSide reads a side: '-' from standard input, an existing file, or
// REV:path through git.
func readSide(env *Env, s *side) error {
	s.name = s.arg
	if s.arg == "-" {
		s.name = "<stdin>"
		b, err := readLimited(env, "<stdin>", "map", env.Stdin, -1)
		if err != nil {
			return err
		}
		s.src = b
		return nil
	}
	_, statErr := os.Stat(s.arg)
	i := strings.IndexByte(s.arg, ':')
	if statErr == nil || i < 0 {
		b, err := readInput(env, input{Path: s.arg})
		s.src = b
		return err
	}
	b, err := gitShow(s.arg[:i], s.arg[i+1:])
	if err != nil {
		return fmt.Errorf("%s: %w", s.arg, err)
	}
	if b, err = readLimited(env, s.arg, "map", bytes.NewReader(b), int64(len(b))); err != nil {
		return err
	}
	s.src = b
	return nil
}

// gitShow reads path at rev from the git repository around the current
// directory. The path is relative to the current directory (git's
// REV:./path) unless it starts with '/', which means the repository's top.
// It asks `git cat-file blob`, which reads exactly the stored bytes (no
// textconv) and refuses a directory.
func gitShow(rev, path string) ([]byte, error) {
	switch {
	case path == "" || path == "/":
		return nil, usagef("REV:path names no file after the ':'")
	case strings.HasPrefix(path, "/"):
		path = strings.TrimLeft(path, "/")
	case !strings.HasPrefix(path, "./") && !strings.HasPrefix(path, "../"):
		path = "./" + path
	}
	var stdout, stderr bytes.Buffer
	cmd := exec.Command("git", "cat-file", "blob", rev+":"+path)
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	if err := cmd.Run(); err != nil {
		if errors.Is(err, exec.ErrNotFound) {
			return nil, errors.New("reading REV:path needs git, which is not installed (or not on PATH)")
		}
		msg := strings.TrimSpace(stderr.String())
		if i := strings.LastIndex(msg, "fatal: "); i >= 0 {
			msg = msg[i+len("fatal: "):]
		}
		if msg == "" {
			msg = err.Error()
		}
		return nil, fmt.Errorf("git: %s", msg)
	}
	return stdout.Bytes(), nil
}

// compileSides compiles both maps and prints their diagnostics: errors
// from both, warnings only from the new one (the old one's are history).
// It reports false when either has errors.
func compileSides(env *Env, sides [2]*side) bool {
	ok := true
	for i, s := range sides {
		m, diags := model.CompileSource(s.name, s.src)
		if i == 0 {
			var errs diag.List
			for _, d := range diags {
				if d.Severity == diag.Error {
					errs.Add(d)
				}
			}
			diags = errs
		}
		printDiagnostics(env, s.name, s.src, diags)
		if diags.HasErrors() || m == nil {
			ok = false
		}
		s.m = m
	}
	return ok
}

// renderDiff writes a result in format: the text or JSON summary, or the
// picture through the same renderers as `wardley render`.
func renderDiff(env *Env, res *diff.Result, format string, o diffOptions, oldName, newName string, stdout bool) ([]byte, error) {
	var buf bytes.Buffer
	switch format {
	case formatText:
		err := res.WriteText(&buf, diff.TextOptions{Color: stdout && env.stdoutColor()})
		return buf.Bytes(), err
	case formatJSON:
		err := res.WriteJSON(&buf)
		return buf.Bytes(), err
	}
	s := diff.Layout(res, diff.Options{
		Layout:  o.picture.layout(),
		OldName: oldName, NewName: newName,
	})
	return wardley.RenderScene(s, wardley.Format(format), o.picture.options())
}

// runGitDiff is git's external diff driver: it prints a header and the
// summary for one file, and never fails on a map's errors (they go to
// standard error), so that git goes on to the next file.
func runGitDiff(env *Env, o diffOptions, args []string) error {
	format, err := o.resolveFormat()
	if err != nil {
		return err
	}
	if format != formatText || o.output != "" {
		return usagef("as git's diff driver, wardley diff writes the text summary to standard output")
	}
	oldPath, newPath := args[0], args[0]
	if len(args) == 9 {
		newPath = args[7]
	}
	sides := [2]*side{{arg: args[1], name: "a/" + oldPath}, {arg: args[4], name: "b/" + newPath}}
	for _, s := range sides {
		if s.arg == "/dev/null" {
			continue
		}
		b, err := readFile(env, s.arg, "map")
		if err != nil {
			return fmt.Errorf("%s: %w", s.name, err)
		}
		s.src = b
	}
	var maps [2]*model.Map
	broken := ""
	for i, s := range sides {
		if s.arg == "/dev/null" {
			continue
		}
		m, diags := model.CompileSource(s.name, s.src)
		if diags.HasErrors() {
			printDiagnostics(env, s.name, s.src, diags)
			broken = s.name
		}
		maps[i] = m
	}
	var buf bytes.Buffer
	fmt.Fprintf(&buf, "diff --wardley %s %s\n", sides[0].name, sides[1].name)
	switch {
	case sides[0].arg == "/dev/null":
		buf.WriteString("(new map)\n")
	case sides[1].arg == "/dev/null":
		buf.WriteString("(deleted map)\n")
	}
	switch res := diff.Compare(maps[0], maps[1]); {
	case broken != "":
		fmt.Fprintf(&buf, "(not compared: %s has errors)\n", broken)
	case res.Empty():
		buf.WriteString("(no change in meaning: comments or formatting only)\n")
	default:
		if err := res.WriteText(&buf, diff.TextOptions{}); err != nil {
			return err
		}
	}
	_, err = env.Stdout.Write(buf.Bytes())
	return err
}
