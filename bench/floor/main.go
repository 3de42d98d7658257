// Command floor is the least any wardley command can cost to start: a
// program that links only the project's fixed choices (cobra for the
// command line, participle for the grammar, svgo for SVG), builds one
// grammar and prints a version through a cobra command. bench/run.sh
// times it beside `wardley version`, so that BENCHMARKS.md shows how much
// of wardley's start-up is its own.
package main

import (
	"os"

	svgo "github.com/ajstarks/svgo/float"
	"github.com/alecthomas/participle/v2"
	"github.com/spf13/cobra"
)

type words struct {
	Words []string `parser:"@Ident*"`
}

func main() {
	root := &cobra.Command{Use: "floor", SilenceUsage: true}
	root.AddCommand(&cobra.Command{Use: "version", RunE: func(c *cobra.Command, _ []string) error {
		// Touch each choice, so that none is linked for nothing.
		if _, err := participle.Build[words](); err != nil {
			return err
		}
		_ = svgo.New(c.OutOrStdout())
		_, err := c.OutOrStdout().Write([]byte("floor 0\n"))
		return err
	}})
	if root.Execute() != nil {
		os.Exit(1)
	}
}
