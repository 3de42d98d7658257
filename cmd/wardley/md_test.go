package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/wardley-maps/wardley/diag"
	"github.com/wardley-maps/wardley/internal/markdown"
)

// TestMdLineEndings: a CRLF file gets CRLF links, a file whose last line
// is the closing fence without a line ending still ends without one, and
// nothing else moves; a second run changes nothing.
func TestMdLineEndings(t *testing.T) {
	for _, c := range []struct{ name, in, want string }{
		{
			"crlf",
			"# T\r\n\r\n```owm name=a\r\ntitle A\r\n```\r\nafter\r\n",
			"# T\r\n\r\n```owm name=a\r\ntitle A\r\n```\r\n<!-- wardley:begin a.svg -->\r\n![A](a.svg)\r\n<!-- wardley:end -->\r\nafter\r\n",
		},
		{
			"no final newline",
			"```owm name=a\ntitle A\n```",
			"```owm name=a\ntitle A\n```\n<!-- wardley:begin a.svg -->\n![A](a.svg)\n<!-- wardley:end -->",
		},
		{
			"region kept apart by a blank line, refreshed in place",
			"```owm name=a\ntitle A\n```\n\n<!-- wardley:begin old.svg -->\n![Old](old.svg)\n<!-- wardley:end -->\ntext",
			"```owm name=a\ntitle A\n```\n\n<!-- wardley:begin a.svg -->\n![A](a.svg)\n<!-- wardley:end -->\ntext",
		},
		{
			"region at the end without a newline",
			"```owm name=a\ntitle A\n```\n<!-- wardley:begin old.svg -->\n![Old](old.svg)\n<!-- wardley:end -->",
			"```owm name=a\ntitle A\n```\n<!-- wardley:begin a.svg -->\n![A](a.svg)\n<!-- wardley:end -->",
		},
	} {
		t.Run(c.name, func(t *testing.T) {
			dir := t.TempDir()
			md := filepath.Join(dir, "doc.md")
			if err := os.WriteFile(md, []byte(c.in), 0o644); err != nil {
				t.Fatal(err)
			}
			for run := range 2 {
				env, _, stderr := batchEnv(false, 2)
				if code := Main(env, []string{"md", "-q", md}); code != 0 {
					t.Fatalf("run %d: exit %d: %s", run, code, stderr)
				}
				got, _ := os.ReadFile(md)
				if string(got) != c.want {
					t.Fatalf("run %d:\ngot  %q\nwant %q", run, got, c.want)
				}
			}
		})
	}
}

// TestRemap: a diagnostic inside an indented block points at the
// Markdown file's own line, column and offset.
func TestRemap(t *testing.T) {
	src := []byte("text\n\n  ```owm\n  title T\n  componnet X\n  ```\n")
	b := markdown.Blocks(src)[0]
	lines := diag.NewLines(b.Content)
	d := diag.Errorf(lines.Range(lines.LineStart(2), lines.LineStart(2)+9), "x", "m")
	got := remap(diag.List{d}, src, b)[0].Range.Start
	want := diag.Pos{Line: 5, Column: 3, Offset: strings.Index(string(src), "componnet")}
	if got != want {
		t.Errorf("got %+v, want %+v", got, want)
	}
}

func TestEscapeAlt(t *testing.T) {
	if got, want := escapeAlt("R&D [draft] *new*\nx"), `R\&D \[draft\] \*new\* x`; got != want {
		t.Errorf("got %q, want %q", got, want)
	}
	if got, want := slug("Tea Shop: 2024 (draft)!"), "tea-shop-2024-draft"; got != want {
		t.Errorf("slug: got %q, want %q", got, want)
	}
	if got := slug("Untitled Map"); got != "map" {
		t.Errorf("slug of an untitled map: %q", got)
	}
}

// TestMdOutDirAbsolute: the link is relative to the Markdown file whether
// the file and --out-dir are given as absolute or relative paths.
func TestMdOutDirAbsolute(t *testing.T) {
	dir := t.TempDir()
	md := filepath.Join(dir, "docs", "guide.md")
	os.MkdirAll(filepath.Dir(md), 0o755)
	os.WriteFile(md, []byte("```owm name=a\ntitle A\n```\n"), 0o644)
	wd, _ := os.Getwd()
	rel, err := filepath.Rel(wd, filepath.Join(dir, "img"))
	if err != nil {
		t.Fatal(err)
	}
	env, _, stderr := batchEnv(false, 1)
	if code := Main(env, []string{"md", "-q", "--out-dir", rel, md}); code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	got, _ := os.ReadFile(md)
	if !strings.Contains(string(got), "![A](../img/a.svg)") {
		t.Errorf("got %q", got)
	}
	if _, err := os.Stat(filepath.Join(dir, "img", "a.svg")); err != nil {
		t.Error(err)
	}
}
