package main

import (
	"fmt"

	"github.com/spf13/cobra"
)

func init() { commands = append(commands, newVersionCmd) }

func newVersionCmd(env *Env) *cobra.Command {
	return &cobra.Command{
		Use:   "version",
		Short: "Print wardley's version",
		Long: `Print wardley's version: the module version for 'go install' builds, the
release tag for released binaries, "(devel)" for a build from a checkout.`,
		Args: exactArgs(0),
		RunE: func(cmd *cobra.Command, _ []string) error {
			_, err := fmt.Fprintf(env.Stdout, "wardley %s\n", version())
			return err
		},
	}
}
