// Package xlsx writes and reads the spreadsheets SafeCampus exchanges with
// people: streaming .xlsx exports with a fixed look (Chinese headers, column
// widths, frozen header row, A4 fit-to-width printing) and a reader for
// uploaded .xlsx and .csv files. Every string cell it writes goes through
// EscapeCell, so an export can never carry a live formula.
package xlsx

import "strings"

// escapeMark is put in front of a cell that a spreadsheet program could
// take for a formula. It is the visible single quote OWASP recommends for
// CSV/formula injection: the cell then shows '=1+1 as text in Excel, WPS
// and LibreOffice, also after a save as CSV and re-open, where a hidden
// "text" cell type would be lost. ReadRows removes it again (UnescapeCell),
// so an exported file imports back unchanged.
const escapeMark = "'"

// EscapeCell neutralises formula injection: a value beginning with = + - @,
// a tab or a carriage return gets a leading single quote. Other values are
// returned unchanged.
func EscapeCell(s string) string {
	if needsEscape(s) {
		return escapeMark + s
	}
	return s
}

// UnescapeCell undoes EscapeCell: a leading single quote is dropped when
// what follows would have needed it. A quote in front of anything else is
// the user's text and stays.
func UnescapeCell(s string) string {
	if rest, ok := strings.CutPrefix(s, escapeMark); ok && needsEscape(rest) {
		return rest
	}
	return s
}

func needsEscape(s string) bool {
	if s == "" {
		return false
	}
	switch s[0] {
	case '=', '+', '-', '@', '\t', '\r':
		return true
	}
	return false
}
