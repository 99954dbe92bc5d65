package report

import (
	"database/sql"
	"errors"
	"time"

	"safecampus/internal/audit"
	"safecampus/internal/campaign"
	"safecampus/internal/compliance"
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
	Patrol       PatrolCoverage
	Compliance   ComplianceCard

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

// PatrolCoverage is the patrol coverage matrix (patrol.Service.Coverage)
// over the span's finished days, summed per grid. Today is left out: the
// coverage page shows it without a verdict while it is under way.
type PatrolCoverage struct {
	From, To string // "" when no day of the span has finished yet
	// RecordedFrom is the school's first patrol day when it falls inside the
	// span: coverage is counted from it, not from the span's start.
	RecordedFrom string
	Days         int
	Grids        []GridCoverage // active grids, tree order
}

// GridCoverage is one grid's place-days: Met of Required places × days
// reached their daily target.
type GridCoverage struct {
	Name          string
	Depth         int
	Places        int // counted places: active, with a check point and a target
	Required, Met int
	Patrols       int // patrols at the counted places
	Unpointed     int // places with a target but no check point
}

// ComplianceCard is the compliance engine's school-wide result
// (compliance.Service.Evaluate) for the campaign's period.
type ComplianceCard struct {
	Period  compliance.Period
	Rules   []compliance.Rule
	Results []compliance.Result // in the order of Rules
}

func isNoRows(err error) bool { return errors.Is(err, sql.ErrNoRows) }
