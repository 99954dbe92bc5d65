package audit

import (
	"math"
	"testing"
)

// The fast path of Canonical must give byte for byte what the round trip
// gives, for every kind of value it accepts, and leave everything else to
// the round trip (which refuses fractions and integers beyond int64).
func TestCanonicalFastPathMatches(t *testing.T) {
	maps := []map[string]any{
		nil,
		{},
		{"b": 1, "a": "x", "c": nil, "d": true, "e": false},
		{"html": "<script>&\"'</script>", "zh": "配电箱未上锁", "ctl": "a\nb\tc\u0001"},
		{"i8": int8(-8), "i16": int16(300), "i32": int32(-70000), "i": math.MinInt64, "i64": int64(math.MaxInt64), "u8": uint8(255), "u16": uint16(65535), "u32": uint32(math.MaxUint32)},
		{"键": "值", "Z": "", "a b": "\u2028\u2029"},
	}
	for _, m := range maps {
		if !flat(m) {
			t.Fatalf("flat(%v) = false", m)
		}
		fast, err := Canonical(m)
		if err != nil {
			t.Fatal(err)
		}
		slow, err := roundTrip(m)
		if err != nil {
			t.Fatal(err)
		}
		if string(fast) != string(slow) {
			t.Errorf("fast %s\nslow %s", fast, slow)
		}
	}
	for _, m := range []map[string]any{
		{"f": 1.5}, {"u": uint64(math.MaxUint64)}, {"bad": "\xff\xfe"}, {"\xff": 1}, {"nested": map[string]any{"b": 1, "a": 2}}, {"list": []any{1, "x"}},
	} {
		if flat(m) {
			t.Errorf("flat(%v) = true: it must take the round trip", m)
		}
	}
	if _, err := Canonical(map[string]any{"u": uint64(math.MaxUint64)}); err == nil {
		t.Error("an integer beyond int64 was accepted")
	}
	bad := map[string]any{"bad": "\xff\xfe"}
	got, _ := Canonical(bad)
	want, _ := roundTrip(bad)
	if string(got) != string(want) {
		t.Errorf("invalid UTF-8: %s, round trip %s", got, want)
	}
}
