package report

import (
	"database/sql"
	"errors"
	"time"

	"safecampus/internal/audit"
	"safecampus/internal/campaign"
	"safecampus/internal/figures"
	"safecampus/internal/org"
	"safecampus/internal/rules"
)

// Report is one campaign's report to the authority as of GeneratedAt: the
// figures it was made from and the sections every output renders.
type Report struct {
	School      org.School
	Campaign    campaign.Campaign
	Progress    campaign.Progress
	Span        figures.Span // the campaign's dates; figures are cut off at min(now, its end)
	GeneratedAt time.Time
	Date        string // generation day, 2026年3月2日, in the school's zone
	Title       string // 《…》工作情况报告
	Reporter    string // who reports: the school's campaign office

	// Head is the school's audit-chain head when the figures were read;
	// VerifyCommand proves the data up to it is untouched.
	Head          audit.Head
	VerifyCommand string

	Organisation Organisation
	Inspections  figures.Inspections
	Hazards      figures.Hazards
	Rules        rules.Figures
	Lookback     Lookback

	Sections []Section
}

// Section is one numbered part of the report (一、总体情况 …).
type Section struct {
	Title  string
	Blocks []Block
}

// Block kinds.
const (
	BlockParagraph = "p"
	BlockHeading   = "h3" // a sub-heading inside a section
	BlockTable     = "table"
	BlockNoData    = "nodata" // "暂无数据" with what is missing
	BlockCode      = "code"   // a command to type, kept on one line
)

// Block is one paragraph, sub-heading, table, no-data note or command.
type Block struct {
	Kind  string
	Text  string
	Table *Table
}

// Table is a table with a header row; every row has len(Head) cells.
type Table struct {
	Caption string
	Head    []string
	Rows    [][]string
	Numeric []bool // right-aligned columns (counts)
	NoWrap  []bool // columns kept on one line (dates, codes, yes/no)
}

// Organisation is what the report says about who runs the campaign.
type Organisation struct {
	Groups []org.LeadingGroup // active leading groups with their members
	Grids  []org.Grid         // active grids, tree order
	Units  int                // active units
}

// Lookback is the look-back (回头看) draws of the span and their checks.
type Lookback struct {
	Draws                          []LookbackDraw
	Drawn, Passed, Failed, Pending int
}

// LookbackDraw is one draw of closed hazards to re-check.
type LookbackDraw struct {
	ID                                         int64
	Day                                        string // drawn on, school zone
	DueOn                                      string
	Population, Drawn, Passed, Failed, Pending int
}

func isNoRows(err error) bool { return errors.Is(err, sql.ErrNoRows) }
