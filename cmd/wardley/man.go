package main

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"
)

func init() { commands = append(commands, newManCmd) }

// The man pages are written here rather than with cobra/doc: that would
// bring two modules (go-md2man and blackfriday) to turn our plain help
// text into roff, which takes a page of code.

func newManCmd(env *Env) *cobra.Command {
	var dir string
	cmd := &cobra.Command{
		Use:   "man [--dir DIR]",
		Short: "Write wardley's man pages",
		Long: `Write a man page (section 1) for wardley and for each of its commands,
generated from the same text as 'wardley help': wardley.1, wardley-render.1,
and so on. For packagers; install them under share/man/man1.`,
		Example: `  wardley man --dir man && man ./man/wardley-render.1`,
		Hidden:  true,
		Args:    exactArgs(0),
		RunE: func(cmd *cobra.Command, _ []string) error {
			if err := os.MkdirAll(dir, 0o755); err != nil {
				return err
			}
			for _, c := range manCommands(cmd.Root()) {
				name := filepath.Join(dir, manName(c)+".1")
				if err := writeFileAtomic(name, manPage(c)); err != nil {
					return err
				}
			}
			return nil
		},
	}
	cmd.Flags().StringVar(&dir, "dir", "man", "write the pages to `DIR`")
	return cmd
}

// manCommands lists the commands that get a page: all that `wardley help`
// shows, at every level.
func manCommands(c *cobra.Command) []*cobra.Command {
	out := []*cobra.Command{c}
	for _, sub := range c.Commands() {
		if !sub.IsAvailableCommand() || sub.IsAdditionalHelpTopicCommand() || sub.Name() == "help" {
			continue
		}
		out = append(out, manCommands(sub)...)
	}
	return out
}

// manName is "wardley-render" for `wardley render`.
func manName(c *cobra.Command) string { return strings.ReplaceAll(c.CommandPath(), " ", "-") }

// manPage renders one command's page in roff (man(7) macros).
func manPage(c *cobra.Command) []byte {
	var b strings.Builder
	fmt.Fprintf(&b, ".TH %q 1 \"\" %q \"wardley manual\"\n", strings.ToUpper(manName(c)), "wardley "+version())
	b.WriteString(".SH NAME\n")
	fmt.Fprintf(&b, "%s \\- %s\n", roff(manName(c)), roff(c.Short))
	b.WriteString(".SH SYNOPSIS\n")
	use := c.UseLine()
	if c.HasAvailableSubCommands() && !c.Runnable() {
		use = c.CommandPath() + " COMMAND"
	}
	fmt.Fprintf(&b, ".B %s\n%s\n", roff(c.CommandPath()), roff(strings.TrimSpace(strings.TrimPrefix(use, c.CommandPath()))))
	b.WriteString(".SH DESCRIPTION\n")
	text := c.Long
	if text == "" {
		text = c.Short
	}
	manText(&b, text)
	if flags := manFlags(c); flags != "" {
		b.WriteString(".SH OPTIONS\n")
		b.WriteString(flags)
	}
	if c.Example != "" {
		b.WriteString(".SH EXAMPLES\n.PP\n.RS\n.nf\n")
		for _, l := range strings.Split(strings.TrimRight(c.Example, "\n"), "\n") {
			b.WriteString(roffLine(strings.TrimPrefix(l, "  ")) + "\n")
		}
		b.WriteString(".fi\n.RE\n")
	}
	b.WriteString(".SH EXIT STATUS\n")
	b.WriteString(".TP\n0\nsuccess (warnings allowed)\n")
	b.WriteString(".TP\n1\na map has errors, a check failed, or a file could not be read or written\n")
	b.WriteString(".TP\n2\nthe command line is wrong\n")
	b.WriteString(".TP\n3\na bug in wardley\n")
	var see []string
	if c.HasParent() {
		see = append(see, manName(c.Parent()))
	}
	for _, sub := range c.Commands() {
		if sub.IsAvailableCommand() && sub.Name() != "help" {
			see = append(see, manName(sub))
		}
	}
	if len(see) > 0 {
		b.WriteString(".SH SEE ALSO\n")
		for i, s := range see {
			sep := ","
			if i == len(see)-1 {
				sep = ""
			}
			fmt.Fprintf(&b, ".BR %s (1)%s\n", roff(s), sep)
		}
	}
	return []byte(b.String())
}

// manText writes help text as paragraphs; indented lines stay as they are
// (examples, lists of values).
func manText(b *strings.Builder, text string) {
	for _, para := range strings.Split(strings.TrimSpace(text), "\n\n") {
		lines := strings.Split(para, "\n")
		if strings.HasPrefix(lines[0], "  ") {
			b.WriteString(".PP\n.RS\n.nf\n")
			for _, l := range lines {
				b.WriteString(roffLine(strings.TrimPrefix(l, "  ")) + "\n")
			}
			b.WriteString(".fi\n.RE\n")
			continue
		}
		b.WriteString(".PP\n")
		for _, l := range lines {
			b.WriteString(roffLine(l) + "\n")
		}
	}
}

// manFlags lists a command's flags (its own and those it inherits, help
// aside) as tagged paragraphs.
func manFlags(c *cobra.Command) string {
	var b strings.Builder
	add := func(f *pflag.Flag) {
		if f.Hidden || f.Name == "help" {
			return
		}
		varname, usage := pflag.UnquoteUsage(f)
		b.WriteString(".TP\n")
		tag := `\fB\-\-` + roff(f.Name) + `\fR`
		if f.Shorthand != "" {
			tag = `\fB\-` + roff(f.Shorthand) + `\fR, ` + tag
		}
		if varname != "" {
			tag += ` \fI` + roff(varname) + `\fR`
		}
		b.WriteString(tag + "\n")
		if f.DefValue != "" && f.DefValue != "false" && f.DefValue != "0" && f.DefValue != "[]" {
			usage += fmt.Sprintf(" (default %s)", f.DefValue)
		}
		b.WriteString(roffLine(usage) + "\n")
	}
	c.NonInheritedFlags().VisitAll(add)
	c.InheritedFlags().VisitAll(add)
	return b.String()
}

// roff escapes text for roff: backslashes, and hyphens (which roff would
// otherwise set as typographic hyphens, breaking copied options).
func roff(s string) string {
	s = strings.ReplaceAll(s, `\`, `\e`)
	return strings.ReplaceAll(s, "-", `\-`)
}

// roffLine escapes a line of text: one starting with '.' or an
// apostrophe would be read as a request.
func roffLine(s string) string {
	s = roff(s)
	if strings.HasPrefix(s, ".") || strings.HasPrefix(s, "'") {
		s = `\&` + s
	}
	return s
}
