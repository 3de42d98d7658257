package main

import (
	"context"
	"fmt"
	"net"
	"os"
	"os/exec"
	"os/signal"
	"runtime"
	"strconv"
	"strings"
	"syscall"
	"time"

	"github.com/spf13/cobra"

	"github.com/wardley-maps/wardley"
	"github.com/wardley-maps/wardley/diag"
	"github.com/wardley-maps/wardley/internal/filewatch"
	"github.com/wardley-maps/wardley/internal/preview"
)

func init() { commands = append(commands, newWatchCmd) }

func newWatchCmd(env *Env) *cobra.Command {
	o := defaultWatchOptions(env, nil)
	o.render = renderPreview(o)
	return newWatchCmdWith(env, o)
}

// renderPreview draws a map for the preview: SVG, in the style the page
// asks for ("" for the map's own), with the label placement of --labels
// (read when drawing, after the flags are parsed).
func renderPreview(o *watchOptions) preview.RenderFunc {
	return func(src []byte, style string) ([]byte, diag.List, error) {
		return wardley.Render(src, wardley.SVG, wardley.Options{Style: style, Labels: o.labels})
	}
}

// watchOptions are the flags of `wardley watch` and the seams its tests use.
type watchOptions struct {
	host    string
	port    int
	browser bool
	labels  string

	// render draws the map (the real pipeline; tests pass a fake).
	render preview.RenderFunc
	// open shows a URL in the user's browser.
	open func(url string) error
	// quiet and maxWait debounce the file's events: one save is one
	// render, and a file rewritten without pause still refreshes.
	quiet, maxWait time.Duration
}

// defaultWatchOptions are the seams as the real command fills them.
func defaultWatchOptions(env *Env, render preview.RenderFunc) *watchOptions {
	return &watchOptions{
		render: render, open: openBrowser(env),
		// Editors finish a save within a few milliseconds; 75 ms groups its
		// events without a noticeable delay.
		quiet: 75 * time.Millisecond, maxWait: 500 * time.Millisecond,
	}
}

func newWatchCmdWith(env *Env, o *watchOptions) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "watch [flags] MAP",
		Short: "Preview a map in the browser, redrawn on every save",
		Long: `Serve a live preview of MAP on a local web page: the picture is redrawn
within moments of each save, without reloading the page. While the map has
errors the page shows them (line, column, source) above the last good
picture; fixing the file clears them. The page offers the five styles and
zoom (+, -, 0 to fit, 1 for actual size), and loads nothing from the network.

The page is served on 127.0.0.1 at a free port unless --host and --port say
otherwise; its address is printed on stderr. --browser opens it. Ctrl-C stops.`,
		Example: `  wardley watch map.owm
  wardley watch --browser --port 8080 docs/maps/platform.owm`,
		Args: exactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			return runWatch(cmd.Context(), env, o, args[0])
		},
	}
	f := cmd.Flags()
	f.StringVar(&o.host, "host", "127.0.0.1", "the address to serve on; anything but loopback lets other machines see the map")
	f.IntVar(&o.port, "port", 0, "the port to serve on (0: a free one)")
	f.BoolVar(&o.browser, "browser", false, "open the page in the default browser ($BROWSER if set)")
	addLabelsFlag(f, &o.labels)
	return cmd
}

func runWatch(ctx context.Context, env *Env, o *watchOptions, path string) error {
	if path == "-" {
		return usagef("watch needs a file: standard input cannot be watched")
	}
	if err := checkLabels(o.labels); err != nil {
		return err
	}
	if o.port < 0 || o.port > 65535 {
		return usagef("--port %d: want 0 (any free port) to 65535", o.port)
	}
	st, err := os.Stat(path)
	if err != nil {
		return fmt.Errorf("%s: %w", path, unwrapPathError(err))
	}
	if !st.Mode().IsRegular() {
		return fmt.Errorf("%s: not a map file (watch takes one file)", path)
	}
	ctx, stop := signal.NotifyContext(ctx, os.Interrupt, syscall.SIGTERM)
	defer stop()
	// After the first Ctrl-C the default handling is back: a second one
	// ends the process at once, should stopping ever hang.
	context.AfterFunc(ctx, stop)

	// Watch before the first read, so that no save falls between the two.
	fw, err := watchFile(path)
	if err != nil {
		return err
	}
	defer fw.Close()

	srv := preview.New(preview.Config{
		Name: path, Render: o.render, Host: o.host,
		Logf: func(format string, args ...any) {
			fmt.Fprintf(env.Stderr, "wardley: "+format+"\n", args...)
		},
	})
	reload := func() {
		src, err := readFile(env, path, "map")
		reportWatch(env, path, src, srv.Update(src, err))
	}
	reload()

	ln, err := net.Listen("tcp", net.JoinHostPort(o.host, strconv.Itoa(o.port)))
	if err != nil {
		return fmt.Errorf("cannot serve the preview: %w", err)
	}
	url := previewURL(o.host, ln.Addr())
	if !isLoopbackHost(o.host) {
		fmt.Fprintf(env.Stderr, "wardley: warning: serving on %s: other machines can see %s\n", o.host, path)
	}
	fmt.Fprintf(env.Stderr, "Watching %s at %s\n", path, url)
	if o.browser {
		if err := o.open(url); err != nil {
			fmt.Fprintf(env.Stderr, "wardley: warning: cannot open a browser (%v); open %s yourself\n", err, url)
		}
	}

	served := make(chan error, 1)
	go func() { served <- srv.Serve(ctx, ln) }()
	changes := filewatch.Debounce(ctx, fw.Events, o.quiet, o.maxWait, time.After)
	errs := fw.Errors
	for {
		select {
		case _, ok := <-changes:
			if !ok {
				changes = nil // stopping: wait for the server
				continue
			}
			reload()
		case err := <-errs:
			fmt.Fprintf(env.Stderr, "wardley: watching %s: %v\n", path, err)
		case err := <-served:
			if err != nil && ctx.Err() == nil {
				return fmt.Errorf("the preview server failed: %w", err)
			}
			return nil
		}
	}
}

// reportWatch tells the terminal what a reload did: a line per change, and
// the diagnostics as `wardley check` prints them.
func reportWatch(env *Env, path string, src []byte, r preview.Result) {
	if !r.Changed {
		return
	}
	if r.Err != nil {
		fmt.Fprintf(env.Stderr, "wardley: %v (the page keeps the last good picture)\n", r.Err)
		return
	}
	printDiagnostics(env, path, src, r.Diags)
	errs, warns := r.Diags.Count()
	switch {
	case errs > 0:
		fmt.Fprintf(env.Stderr, "%s: %s (the page keeps the last good picture)\n", path, countText(errs, warns))
	case warns > 0:
		fmt.Fprintf(env.Stderr, "%s: drawn in %s, %s\n", path, roundDuration(r.Took), countText(errs, warns))
	default:
		fmt.Fprintf(env.Stderr, "%s: drawn in %s\n", path, roundDuration(r.Took))
	}
}

func countText(errs, warns int) string {
	var parts []string
	if errs > 0 {
		parts = append(parts, plural(errs, "error"))
	}
	if warns > 0 {
		parts = append(parts, plural(warns, "warning"))
	}
	return strings.Join(parts, ", ")
}

func plural(n int, word string) string {
	if n == 1 {
		return "1 " + word
	}
	return fmt.Sprintf("%d %ss", n, word)
}

func roundDuration(d time.Duration) time.Duration {
	if d >= time.Millisecond {
		return d.Round(time.Millisecond)
	}
	return d.Round(time.Microsecond)
}

// previewURL is the address to print for a server listening on addr,
// asked for as host: an unspecified host (0.0.0.0, ::) listens everywhere,
// and the local browser reaches it on loopback.
func previewURL(host string, addr net.Addr) string {
	port := "0"
	if ta, ok := addr.(*net.TCPAddr); ok {
		port = strconv.Itoa(ta.Port)
	}
	if ip := net.ParseIP(host); host == "" || (ip != nil && ip.IsUnspecified()) {
		host = "127.0.0.1"
		if ip != nil && ip.To4() == nil {
			host = "::1"
		}
	}
	return "http://" + net.JoinHostPort(host, port) + "/"
}

func isLoopbackHost(host string) bool {
	if strings.EqualFold(host, "localhost") {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}

// openBrowser opens url with $BROWSER when it is set, else the system's
// opener; it does not wait for the browser.
func openBrowser(env *Env) func(url string) error {
	return func(url string) error {
		var cmd *exec.Cmd
		switch b := strings.Fields(env.Getenv("BROWSER")); {
		case len(b) > 0:
			cmd = exec.Command(b[0], append(b[1:], url)...)
		case runtime.GOOS == "darwin":
			cmd = exec.Command("open", url)
		case runtime.GOOS == "windows":
			cmd = exec.Command("rundll32", "url.dll,FileProtocolHandler", url)
		default:
			cmd = exec.Command("xdg-open", url)
		}
		if err := cmd.Start(); err != nil {
			return err
		}
		go func() { _ = cmd.Wait() }()
		return nil
	}
}
