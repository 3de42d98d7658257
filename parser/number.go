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
	t := strings.TrimLeft(s, " \t\n\r\v\f\u00a0\ufeff")
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
	v, err := strconv.ParseFloat(num, 64)
	if err != nil {
		// Out of range: strconv returns ±Inf or 0 with the error, as JS does.
		if ne, isNum := err.(*strconv.NumError); !isNum || ne.Err != strconv.ErrRange {
			return math.NaN(), false, false
		}
	}
	return v, true, strings.TrimSpace(t[i:]) == ""
}

// ParseInt reads s the way JavaScript's parseInt(s) does for decimal text:
// leading whitespace skipped, optional sign, the longest run of digits.
// ok is false when there are no digits (JS NaN).
func ParseInt(s string) (v int, ok, whole bool) {
	t := strings.TrimLeft(s, " \t\n\r\v\f\u00a0\ufeff")
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
	return v, true, strings.TrimSpace(t[i:]) == ""
}
