package markdown

import (
	"strings"
	"testing"
)

// TestFences: the fences CommonMark defines, and those it does not.
func TestFences(t *testing.T) {
	doc := strings.Join([]string{
		"```owm",         // 1: opens
		"a",              // 2
		"```",            // 3: closes
		"    ```owm",     // 4: indented code, not a fence
		"``owm",          // 5: too short
		"~~~ owm x=1",    // 6: opens, tilde, space before the info
		"```",            // 7: does not close a tilde fence
		"~~",             // 8: too short to close
		"~~~~",           // 9: closes
		"   ```owm",      // 10: three spaces: opens
		"   b",           // 11: content loses three spaces
		"  c",            // 12: ...or what it has
		"   ```",         // 13: closes
		"```owm `x`",     // 14: backtick in the info of a backtick fence: not a fence
		"````wardleymap", // 15: opens, runs to the end
		"```",            // 16: shorter: does not close
	}, "\n")
	blocks := Blocks([]byte(doc))
	type want struct {
		open    int
		lang    string
		content string
		closed  bool
	}
	wants := []want{
		{1, "owm", "a\n", true},
		{6, "owm", "```\n~~\n", true},
		{10, "owm", "b\nc\n", true},
		{15, "wardleymap", "```\n", false},
	}
	if len(blocks) != len(wants) {
		t.Fatalf("got %d blocks, want %d: %+v", len(blocks), len(wants), blocks)
	}
	for i, w := range wants {
		b := blocks[i]
		if b.OpenLine != w.open || b.Lang != w.lang || string(b.Content) != w.content || b.Closed != w.closed {
			t.Errorf("block %d: got open %d lang %q content %q closed %v, want %+v", i, b.OpenLine, b.Lang, b.Content, b.Closed, w)
		}
	}
	if blocks[1].Info != "owm x=1" || blocks[1].InfoCol != 5 {
		t.Errorf("info %q at %d", blocks[1].Info, blocks[1].InfoCol)
	}
}

// TestRegion: the marker region after a block, after blank lines, and
// one without its end marker.
func TestRegion(t *testing.T) {
	doc := "```owm\na\n```\n\n<!-- wardley:begin x.svg -->\n![X](x.svg)\n<!-- wardley:end -->\nrest\n" +
		"```owm\nb\n```\n<!-- wardley:begin y.svg -->\n![Y](y.svg)\n"
	bs := Blocks([]byte(doc))
	if len(bs) != 2 {
		t.Fatalf("%d blocks", len(bs))
	}
	r := bs[0].Region
	if r == nil || r.Name != "x.svg" || !r.Closed || doc[r.Start:r.End] != "<!-- wardley:begin x.svg -->\n![X](x.svg)\n<!-- wardley:end -->\n" || r.Line != 5 {
		t.Errorf("first region: %+v", r)
	}
	if r := bs[1].Region; r == nil || r.Closed || r.Name != "y.svg" {
		t.Errorf("second region: %+v", r)
	}
	if got := string(Apply([]byte("abcdef"), []Edit{{1, 2, "X"}, {4, 4, "Y"}})); got != "aXcdYef" {
		t.Errorf("Apply: %q", got)
	}
	if EOL([]byte("a\r\nb\n")) != "\r\n" || EOL([]byte("a\nb\r\n")) != "\n" || EOL(nil) != "\n" {
		t.Error("EOL")
	}
}
