package raster

import (
	"encoding/binary"
	"errors"
	"sort"
)

// subsetTrueType returns a TrueType file with the outlines of only the
// glyphs in keep (and the glyphs their composites use, and .notdef). Glyph
// ids are unchanged (the others become empty), so the PDF can map CIDs to
// glyphs one to one. Tables a PDF viewer does not need for drawing
// (layout, kerning, glyph names, hinting caches) are dropped.
func subsetTrueType(data []byte, keep map[uint16]bool) ([]byte, error) {
	errBad := errors.New("subset: malformed TrueType file")
	if len(data) < 12 {
		return nil, errBad
	}
	numTables := int(binary.BigEndian.Uint16(data[4:]))
	tables := map[string][]byte{}
	for i := 0; i < numTables; i++ {
		rec := 12 + 16*i
		if rec+16 > len(data) {
			return nil, errBad
		}
		tag := string(data[rec : rec+4])
		off := int(binary.BigEndian.Uint32(data[rec+8:]))
		n := int(binary.BigEndian.Uint32(data[rec+12:]))
		if off < 0 || n < 0 || off+n > len(data) {
			return nil, errBad
		}
		tables[tag] = data[off : off+n]
	}
	head, maxp, loca, glyf := tables["head"], tables["maxp"], tables["loca"], tables["glyf"]
	if len(head) < 54 || len(maxp) < 6 || loca == nil || glyf == nil {
		return nil, errors.New("subset: not a TrueType (glyf) font")
	}
	numGlyphs := int(binary.BigEndian.Uint16(maxp[4:]))
	long := binary.BigEndian.Uint16(head[50:]) != 0
	offsets := make([]int, numGlyphs+1)
	for i := range offsets {
		if long {
			if 4*i+4 > len(loca) {
				return nil, errBad
			}
			offsets[i] = int(binary.BigEndian.Uint32(loca[4*i:]))
		} else {
			if 2*i+2 > len(loca) {
				return nil, errBad
			}
			offsets[i] = 2 * int(binary.BigEndian.Uint16(loca[2*i:]))
		}
	}
	glyph := func(id int) []byte {
		if id < 0 || id >= numGlyphs || offsets[id] > offsets[id+1] || offsets[id+1] > len(glyf) {
			return nil
		}
		return glyf[offsets[id]:offsets[id+1]]
	}
	// Close keep over composite glyphs' components.
	want := map[int]bool{0: true}
	var queue []int
	for id := range keep {
		queue = append(queue, int(id))
	}
	queue = append(queue, 0)
	for len(queue) > 0 {
		id := queue[len(queue)-1]
		queue = queue[:len(queue)-1]
		want[id] = true
		for _, c := range components(glyph(id)) {
			if !want[c] {
				want[c] = true
				queue = append(queue, c)
			}
		}
	}
	var newGlyf []byte
	newLoca := make([]byte, 4*(numGlyphs+1))
	for id := 0; id < numGlyphs; id++ {
		if want[id] {
			newGlyf = append(newGlyf, glyph(id)...)
			for len(newGlyf)%4 != 0 {
				newGlyf = append(newGlyf, 0)
			}
		}
		binary.BigEndian.PutUint32(newLoca[4*(id+1):], uint32(len(newGlyf)))
	}
	newHead := append([]byte(nil), head...)
	binary.BigEndian.PutUint32(newHead[8:], 0)  // checkSumAdjustment, set below
	binary.BigEndian.PutUint16(newHead[50:], 1) // long loca
	out := map[string][]byte{"head": newHead, "loca": newLoca, "glyf": newGlyf}
	for _, tag := range []string{"cmap", "cvt ", "fpgm", "hhea", "hmtx", "maxp", "name", "OS/2", "prep"} {
		if t, ok := tables[tag]; ok {
			out[tag] = t
		}
	}
	if post := tables["post"]; len(post) >= 32 {
		// Format 3: no glyph names.
		p := append([]byte(nil), post[:32]...)
		binary.BigEndian.PutUint32(p, 0x00030000)
		out["post"] = p
	}
	return writeSfnt(out), nil
}

// components lists the glyphs a composite glyph is built from.
func components(g []byte) []int {
	if len(g) < 10 || int16(binary.BigEndian.Uint16(g)) >= 0 {
		return nil
	}
	var out []int
	p := 10
	for p+4 <= len(g) {
		flags := binary.BigEndian.Uint16(g[p:])
		out = append(out, int(binary.BigEndian.Uint16(g[p+2:])))
		p += 4
		if flags&0x0001 != 0 {
			p += 4
		} else {
			p += 2
		}
		switch {
		case flags&0x0008 != 0:
			p += 2
		case flags&0x0040 != 0:
			p += 4
		case flags&0x0080 != 0:
			p += 8
		}
		if flags&0x0020 == 0 {
			break
		}
	}
	return out
}

// writeSfnt assembles tables into a font file, with the table directory
// sorted by tag, checksums and head's checkSumAdjustment.
func writeSfnt(tables map[string][]byte) []byte {
	tags := make([]string, 0, len(tables))
	for t := range tables {
		tags = append(tags, t)
	}
	sort.Strings(tags)
	n := len(tags)
	entrySelector := 0
	for 1<<(entrySelector+1) <= n {
		entrySelector++
	}
	searchRange := (1 << entrySelector) * 16
	hdr := make([]byte, 12+16*n)
	binary.BigEndian.PutUint32(hdr, 0x00010000)
	binary.BigEndian.PutUint16(hdr[4:], uint16(n))
	binary.BigEndian.PutUint16(hdr[6:], uint16(searchRange))
	binary.BigEndian.PutUint16(hdr[8:], uint16(entrySelector))
	binary.BigEndian.PutUint16(hdr[10:], uint16(n*16-searchRange))
	body := []byte{}
	headAt := -1
	for i, t := range tags {
		data := tables[t]
		off := len(hdr) + len(body)
		if t == "head" {
			headAt = off
		}
		rec := hdr[12+16*i:]
		copy(rec, t)
		binary.BigEndian.PutUint32(rec[4:], checksum(data))
		binary.BigEndian.PutUint32(rec[8:], uint32(off))
		binary.BigEndian.PutUint32(rec[12:], uint32(len(data)))
		body = append(body, data...)
		for len(body)%4 != 0 {
			body = append(body, 0)
		}
	}
	font := append(hdr, body...)
	if headAt >= 0 {
		binary.BigEndian.PutUint32(font[headAt+8:], 0xB1B0AFBA-checksum(font))
	}
	return font
}

func checksum(b []byte) uint32 {
	var sum uint32
	for i := 0; i < len(b); i += 4 {
		var w [4]byte
		copy(w[:], b[i:])
		sum += binary.BigEndian.Uint32(w[:])
	}
	return sum
}
