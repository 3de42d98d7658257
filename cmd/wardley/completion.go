package main

import (
	"strings"

	"github.com/spf13/cobra"

	"github.com/wardley-maps/wardley/theme"
)

// addCompletions teaches the shell completion scripts (`wardley
// completion bash|zsh|fish|powershell`, cobra's) what wardley's arguments
// are: map files for the commands that read maps, Markdown files for md,
// and the values of --style, --format and --diagnostics.
func addCompletions(root *cobra.Command) {
	values := map[string][]string{
		"style":       append(append([]string{}, theme.Names...), "color"),
		"format":      strings.Split(formatNames(), ", "),
		"diagnostics": {"text", "github"},
	}
	for _, c := range root.Commands() {
		switch c.Name() {
		case "md":
			c.ValidArgsFunction = fileExt("md", "markdown")
		case "render", "fmt", "check", "export", "watch", "diff":
			c.ValidArgsFunction = fileExt("owm", "wm")
		}
		switch c.Name() {
		case "render", "md", "watch":
			// Other commands' flags of the same names mean other things
			// (check --format json).
			for name, vals := range values {
				if c.Flags().Lookup(name) != nil {
					_ = c.RegisterFlagCompletionFunc(name, fixed(vals))
				}
			}
		}
	}
}

func fileExt(exts ...string) cobra.CompletionFunc {
	return func(*cobra.Command, []string, string) ([]string, cobra.ShellCompDirective) {
		return exts, cobra.ShellCompDirectiveFilterFileExt
	}
}

func fixed(vals []string) cobra.CompletionFunc {
	return func(*cobra.Command, []string, string) ([]string, cobra.ShellCompDirective) {
		return vals, cobra.ShellCompDirectiveNoFileComp
	}
}
