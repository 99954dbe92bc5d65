package xlsx

import "testing"

func TestEscapeCell(t *testing.T) {
	tests := []struct{ in, want string }{
		{"", ""},
		{"张三", "张三"},
		{"=1+1", "'=1+1"},
		{"+8613800000000", "'+8613800000000"},
		{"-5", "'-5"},
		{"@SUM(A1)", "'@SUM(A1)"},
		{"\tx", "'\tx"},
		{"\rx", "'\rx"},
		{"=HYPERLINK(\"http://evil\",\"点我\")", "'=HYPERLINK(\"http://evil\",\"点我\")"},
		{"a=1", "a=1"},
		{" =1", " =1"}, // spreadsheets do not treat a leading space as a formula
		{"'already", "'already"},
		{"保安员、电工", "保安员、电工"},
	}
	for _, tt := range tests {
		if got := EscapeCell(tt.in); got != tt.want {
			t.Errorf("EscapeCell(%q) = %q, want %q", tt.in, got, tt.want)
		}
		if got := UnescapeCell(EscapeCell(tt.in)); got != tt.in {
			t.Errorf("UnescapeCell(EscapeCell(%q)) = %q, want the input back", tt.in, got)
		}
	}
}

func TestUnescapeCellKeepsUserQuotes(t *testing.T) {
	tests := []struct{ in, want string }{
		{"'abc", "'abc"},
		{"''=1", "''=1"},
		{"'=1", "=1"},
		{"'", "'"},
	}
	for _, tt := range tests {
		if got := UnescapeCell(tt.in); got != tt.want {
			t.Errorf("UnescapeCell(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestParseDate(t *testing.T) {
	tests := []struct {
		in   string
		want string
		ok   bool
	}{
		{"2020-01-05", "2020-01-05", true},
		{"2020/1/5", "2020-01-05", true},
		{"2020.1.5", "2020-01-05", true},
		{"2020年1月5日", "2020-01-05", true},
		{" 2020-12-31 ", "2020-12-31", true},
		{"43835", "2020-01-05", true}, // Excel serial
		{"2020-02-30", "", false},
		{"2020", "", false},
		{"43835.5", "", false},
		{"明天", "", false},
		{"", "", false},
	}
	for _, tt := range tests {
		got, ok := ParseDate(tt.in)
		if got != tt.want || ok != tt.ok {
			t.Errorf("ParseDate(%q) = %q, %v; want %q, %v", tt.in, got, ok, tt.want, tt.ok)
		}
	}
}
