package parser

import (
	"math"
	"strconv"
	"strings"
)

// ParseFloat reads s the way JavaScript's parseFloat does, which is how
// OWM reads every coordinate: leading whitespace skipped, then the longest
// prefix that is a decimal number ("0.5abc" is 0.5, ".5" is 0.5, "1e-1" is
// 0.1, "Infinity" is +Inf). ok is false when there is no such prefix (JS
// NaN). whole is true when the number is all of s (after trimming).
func ParseFloat(s string) (v float64, ok, whole bool) {
	t := trimLeftSpace(s)
	i := 0
	if i < len(t) && (t[i] == '+' || t[i] == '-') {
		i++
	}
	if strings.HasPrefix(t[i:], "Infinity") {
		end := i + len("Infinity")
		v = math.Inf(1)
		if t[0] == '-' {
			v = math.Inf(-1)
		}
		return v, true, strings.TrimSpace(t[end:]) == ""
	}
	digits := 0
	for i < len(t) && t[i] >= '0' && t[i] <= '9' {
		i++
		digits++
	}
	if i < len(t) && t[i] == '.' {
		j := i + 1
		frac := 0
		for j < len(t) && t[j] >= '0' && t[j] <= '9' {
			j++
			frac++
		}
		if digits > 0 || frac > 0 {
			i = j
			digits += frac
		}
	}
	if digits == 0 {
		return math.NaN(), false, false
	}
	if i < len(t) && (t[i] == 'e' || t[i] == 'E') {
		j := i + 1
		if j < len(t) && (t[j] == '+' || t[j] == '-') {
			j++
		}
		exp := 0
		for j < len(t) && t[j] >= '0' && t[j] <= '9' {
			j++
			exp++
		}
		if exp > 0 {
			i = j
		}
	}
	num := t[:i]
	if v, ok := exactDecimal(num); ok {
		return v, true, isTrailingSpace(t[i:])
	}
	v, err := strconv.ParseFloat(num, 64)
	if err != nil {
		// Out of range: strconv returns ±Inf or 0 with the error, as JS does.
		if ne, isNum := err.(*strconv.NumError); !isNum || ne.Err != strconv.ErrRange {
			return math.NaN(), false, false
		}
	}
	return v, true, isTrailingSpace(t[i:])
}

// trimLeftSpace drops leading whitespace as JavaScript's parseFloat does
// (no-break space and BOM included).
func trimLeftSpace(s string) string {
	for i := 0; i < len(s); i++ {
		switch s[i] {
		case ' ', '\t', '\n', '\r', '\v', '\f':
			continue
		}
		if s[i] < 0x80 {
			return s[i:]
		}
		return strings.TrimLeft(s[i:], " \t\n\r\v\f\u00a0\ufeff")
	}
	return ""
}

func isTrailingSpace(s string) bool { return s == "" || strings.TrimSpace(s) == "" }

// ParseInt reads s the way JavaScript's parseInt(s) does for decimal text:
// leading whitespace skipped, optional sign, the longest run of digits.
// ok is false when there are no digits (JS NaN).
func ParseInt(s string) (v int, ok, whole bool) {
	t := trimLeftSpace(s)
	i := 0
	neg := false
	if i < len(t) && (t[i] == '+' || t[i] == '-') {
		neg = t[i] == '-'
		i++
	}
	start := i
	for i < len(t) && t[i] >= '0' && t[i] <= '9' {
		if v < math.MaxInt32 {
			v = v*10 + int(t[i]-'0')
		}
		i++
	}
	if i == start {
		return 0, false, false
	}
	if neg {
		v = -v
	}
	return v, true, isTrailingSpace(t[i:])
}

// pow10 are the powers of ten a float64 holds exactly.
var pow10 = [...]float64{1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10,
	1e11, 1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22}

// exactDecimal reads the common coordinate, an optional sign, digits and
// a fraction without exponent, of at most 15 digits in all, the way
// strconv's own fast path does: the digits as an integer, which a float64
// holds exactly, divided by a power of ten it holds exactly, one rounding,
// so the same value strconv.ParseFloat gives. ok is false for anything
// else, which strconv reads (TestExactDecimal).
func exactDecimal(s string) (float64, bool) {
	i, neg := 0, false
	if i < len(s) && (s[i] == '+' || s[i] == '-') {
		neg = s[i] == '-'
		i++
	}
	var m uint64
	digits, frac, dot := 0, 0, false
	for ; i < len(s); i++ {
		c := s[i]
		switch {
		case c >= '0' && c <= '9':
			m = m*10 + uint64(c-'0')
			digits++
			if dot {
				frac++
			}
		case c == '.' && !dot:
			dot = true
		default:
			return 0, false
		}
	}
	if digits == 0 || digits > 15 {
		return 0, false
	}
	v := float64(m) / pow10[frac]
	if neg {
		v = -v
	}
	return v, true
}
