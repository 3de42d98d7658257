package jsnum

import (
	"math"
	"testing"
)

// The expectations are what node prints for String(x).
func TestFormat(t *testing.T) {
	cases := []struct {
		in   float64
		want string
	}{
		{0, "0"}, {math.Copysign(0, -1), "0"}, {1, "1"}, {-57, "-57"}, {0.1, "0.1"}, {0.61, "0.61"},
		{-85.48, "-85.48"}, {1e-7, "1e-7"}, {1.5e-7, "1.5e-7"}, {0.000001, "0.000001"}, {123e-20, "1.23e-18"},
		{1e21, "1e+21"}, {1e20, "100000000000000000000"}, {123456789012345680000, "123456789012345680000"},
		{1.7976931348623157e308, "1.7976931348623157e+308"}, {5e-324, "5e-324"}, {2.5, "2.5"}, {100, "100"}, {1234.5678, "1234.5678"}, {math.NaN(), "NaN"}, {math.Inf(-1), "-Infinity"},
	}
	a, b := 0.1, 0.2
	cases = append(cases, struct {
		in   float64
		want string
	}{a + b, "0.30000000000000004"})
	for _, c := range cases {
		if got := Format(c.in); got != c.want {
			t.Errorf("Format(%v) = %q, want %q", c.in, got, c.want)
		}
	}
}
