package raster

import (
	"math"
	"math/rand/v2"
	"strconv"
	"strings"
	"testing"
)

// TestPDFNum checks num (and appendNum, which it calls) against the
// plain way: round to 4 decimals, format, trim trailing zeros and point.
func TestPDFNum(t *testing.T) {
	ref := func(v float64) string {
		if math.IsNaN(v) || math.IsInf(v, 0) {
			return "0"
		}
		v = math.Round(v*1e4) / 1e4
		if v == 0 {
			return "0"
		}
		s := strings.TrimRight(strconv.FormatFloat(v, 'f', 4, 64), "0")
		return strings.TrimSuffix(s, ".")
	}
	vals := []float64{0, -0.0, 1, -1, 10, 100, 0.5, -0.5, 0.00004, -0.00004, 0.00005, 1.23456789,
		1e15, -1e15, 123456.1, 0.1, 2.0 / 3, math.NaN(), math.Inf(1), math.Inf(-1), math.MaxFloat64}
	rng := rand.New(rand.NewPCG(3, 4))
	for range 10000 {
		vals = append(vals, (rng.Float64()-0.5)*math.Pow(10, float64(rng.IntN(12)-4)))
	}
	for _, v := range vals {
		if got, want := num(v), ref(v); got != want {
			t.Fatalf("num(%v) = %q, want %q", v, got, want)
		}
		if got, want := string(appendNum([]byte("x "), v)), "x "+ref(v); got != want {
			t.Fatalf("appendNum after text: %q, want %q", got, want)
		}
	}
	for v, want := range map[float64]string{10: "10", 100: "100", -0.5: "-0.5", 0.00004: "0", 1.23456: "1.2346"} {
		if got := num(v); got != want {
			t.Errorf("num(%v) = %q, want %q", v, got, want)
		}
	}
}
