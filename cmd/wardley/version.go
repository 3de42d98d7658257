package main

import (
	"fmt"
	"runtime"

	"github.com/spf13/cobra"
)

func init() { commands = append(commands, newVersionCmd) }

func newVersionCmd(env *Env) *cobra.Command {
	return &cobra.Command{
		Use:   "version",
		Short: "Print wardley's version",
		Long: `Print wardley's version, and the Go version and platform it was built
with: the release tag for released binaries, the module version for
'go install github.com/wardley-maps/wardley/cmd/wardley@VERSION' builds,
"(devel)" and the commit for a build from a checkout.`,
		Args: exactArgs(0),
		RunE: func(cmd *cobra.Command, _ []string) error {
			_, err := fmt.Fprintf(env.Stdout, "wardley %s (%s %s/%s)\n", version(), runtime.Version(), runtime.GOOS, runtime.GOARCH)
			return err
		},
	}
}
