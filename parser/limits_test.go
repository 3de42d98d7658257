package parser

import (
	"fmt"
	"strings"
	"testing"
)

// TestHostileLines feeds lines built to be slow: huge, deeply nested,
// or long and unusual enough to go to participle. Each must parse (the
// test's time is the check: each case is a few hundred microseconds when
// linear, minutes when not) with the expected diagnostic.
func TestHostileLines(t *testing.T) {
	mb := 1 << 20
	for _, c := range []struct {
		name, src, code string
	}{
		{"1 MB name", "component " + strings.Repeat("a", mb) + " [0.5, 0.5]\n", "line-too-long"},
		{"1 MB of links", strings.Repeat("A->", mb/3) + "B\n", "line-too-long"},
		{"1 MB comment", "// " + strings.Repeat("x", mb) + "\ncomponent A [0.5, 0.5]\n", ""},
		{"just under the limit", "note " + strings.Repeat("a", MaxLineBytes-20) + " [0.5, 0.5]\n", ""},
		{"open brackets", "component A " + strings.Repeat("[", 60000) + "\n", "too-complex"},
		{"nested lists", "component A " + strings.Repeat("[", 30000) + strings.Repeat("]", 30000) + "\n", ""},
		{"nested lists, slow path", "component A [0.5, 0.5] label " + strings.Repeat("[", 9) + "\n", "too-complex"},
		{"many lists", "component A " + strings.Repeat("[1][", 16000) + "\n", "too-complex"},
		{"many labels", "component A [0.5, 0.5] " + strings.Repeat("label [", 9000) + "\n", "too-complex"},
		{"many annotation points", "annotation 1 " + strings.Repeat("[[0.1, 0.2], ", 5000) + "\n", "too-complex"},
		{"pioneers", "pioneers " + strings.Repeat("[1, ", 16000) + "\n", "too-complex"},
		{"pipeline", "pipeline P " + strings.Repeat("[0.1, ", 10000) + "\n", "too-complex"},
		{"parentheses", "component " + strings.Repeat("(", 60000) + " [0.5, 0.5]\n", ""},
		{"flow operators", "A" + strings.Repeat("+<>", 20000) + "B\n", ""},
		{"flow values", strings.Repeat("A+'x'>", 10000) + "B\n", ""},
		{"block comments", strings.Repeat("/* ", 20000) + "\n" + strings.Repeat("*/", 20000) + "\n", "too-complex"},
		{"many long unusual lines", strings.Repeat("component A [0.5, 0.5] "+strings.Repeat("[1][", 45)+"\n", 2000), "too-complex"},
		{"braces", "pipeline P\n" + strings.Repeat("{\n", 20000) + strings.Repeat("}\n", 20000), ""},
		{"quotes", "component " + strings.Repeat(`"`, 60000) + " [0.5, 0.5]\n", ""},
	} {
		t.Run(c.name, func(t *testing.T) {
			_, diags := Parse("m.owm", []byte(c.src))
			found := c.code == ""
			for _, d := range diags {
				if d.Code == c.code {
					found = true
				}
				if d.Code == "line-too-long" || d.Code == "too-complex" {
					if c.code == "" {
						t.Errorf("unexpected %s: %s", d.Code, d.Message)
					}
					if len(d.Message) > 200 {
						t.Errorf("message of %d bytes", len(d.Message))
					}
				}
			}
			if !found {
				t.Errorf("no %s diagnostic among %d: %v", c.code, len(diags), first(diags))
			}
		})
	}
}

func first[T any](s []T) string {
	if len(s) == 0 {
		return "none"
	}
	return fmt.Sprint(s[0])
}
