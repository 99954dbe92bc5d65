package lists

import (
	"context"
	"database/sql"
	"sort"
	"time"

	"safecampus/internal/auth"
	"safecampus/internal/checklist"
	"safecampus/internal/hazard"
	"safecampus/internal/sqldb"
)

// Kinds of problem-list rows.
const (
	KindHazard  = "hazard"  // a hazard record, any status
	KindFinding = "finding" // an inspection finding not (yet) a hazard
)

// Problem is one row of the problem list (问题清单): a hazard of any
// status, or a finding of an inspection that has not become a hazard.
type Problem struct {
	Kind                  string
	ID                    int64
	Number, Source        string
	FoundAt               time.Time
	PlaceID               int64
	Place                 string
	Area, ItemCode        string
	Level, Category       string
	Description           string
	UnitID, ResponsibleID int64
	UnitName, Responsible string
	Measures, Deadline    string
	Status                string // a hazard status, or "finding"
	Overdue, Listed       bool
	ClosedAt              *time.Time
	InspectionID          int64
	FundsYuan             int64
	Supervisor, Acceptor  string
}

// KindLabel, AreaLabel, LevelLabel and StatusLabel are in Chinese.
func (p Problem) KindLabel() string {
	if p.Kind == KindFinding {
		return "检查发现问题"
	}
	return "隐患"
}
func (p Problem) AreaLabel() string   { return areaLabel(p.Area) }
func (p Problem) LevelLabel() string  { return levelLabel(p.Level) }
func (p Problem) StatusLabel() string { return ProblemStatusLabel(p.Status) }

// ProblemStatusLabel is a problem-list status in Chinese.
func ProblemStatusLabel(st string) string {
	if st == "finding" {
		return "未转隐患"
	}
	return hazardStatusLabel(st)
}

// ProblemList is the problem list, newest first. Filter fields: UnitID,
// PersonID (the responsible person; findings have none), Area, Level,
// Status (ProblemStatuses; "finding" selects the findings), Kind
// (ProblemKinds), From/To (the day found), Overdue (open hazards past
// their deadline). Truncated tells that more than PageLimit rows matched.
func (s *Service) ProblemList(ctx context.Context, a *auth.Actor, school int64, f Filter) ([]Problem, bool, error) {
	out, err := s.problems(ctx, s.reader(false), a, school, f, PageLimit+1)
	if len(out) > PageLimit {
		return out[:PageLimit], true, err
	}
	return out, false, err
}

func (s *Service) problems(ctx context.Context, q sqldb.Querier, a *auth.Actor, school int64, f Filter, limit int) ([]Problem, error) {
	loc, err := schoolLocation(ctx, q, school)
	if err != nil {
		return nil, err
	}
	sc, err := resolveScope(ctx, q, a, school)
	if err != nil {
		return nil, err
	}
	sp, err := f.check(loc, ProblemStatuses, ProblemKinds)
	if err != nil {
		return nil, err
	}
	units, err := unitFilter(ctx, q, school, f)
	if err != nil {
		return nil, err
	}
	day := today(s.Now(), loc)
	var out []Problem
	if f.Kind != KindFinding && f.Status != "finding" {
		b := newBuilder(school)
		b.add("h.school_id = $1")
		if f.Status != "" {
			b.add("h.status = " + b.arg(f.Status))
		}
		hazardFilter(b, f, sp, units, day)
		sc.cond(b, "h.unit_id", "h.place_id", "h.responsible_person_id")
		if out, err = queryHazards(ctx, q, b, " ORDER BY h.found_at DESC, h.id DESC", limit, day); err != nil {
			return nil, err
		}
	}
	if f.Kind != KindHazard && (f.Status == "" || f.Status == "finding") && f.PersonID == 0 && !f.Overdue {
		fs, err := queryFindings(ctx, q, school, f, sp, sc, units, limit)
		if err != nil {
			return nil, err
		}
		out = append(out, fs...)
	}
	sort.SliceStable(out, func(i, j int) bool {
		if !out[i].FoundAt.Equal(out[j].FoundAt) {
			return out[i].FoundAt.After(out[j].FoundAt)
		}
		return out[i].ID > out[j].ID
	})
	if limit > 0 && len(out) > limit {
		out = out[:limit]
	}
	return out, nil
}

// hazardFilter adds the filter conditions shared by the problem and
// rectification lists (hazards h).
func hazardFilter(b *builder, f Filter, sp span, units []int64, day string) {
	if sp.from != 0 {
		b.add("h.found_at >= " + b.arg(sp.from))
	}
	if sp.to != 0 {
		b.add("h.found_at < " + b.arg(sp.to))
	}
	if units != nil {
		b.add("h.unit_id IN (" + b.list(units) + ")")
	}
	if f.PersonID != 0 {
		b.add("h.responsible_person_id = " + b.arg(f.PersonID))
	}
	if f.Level != "" {
		b.add("h.level = " + b.arg(f.Level))
	}
	areaCond(b, "h.area", f.Area)
	if f.Overdue {
		b.add("h.status IN (" + openList(b) + ") AND ((h.deadline <> '' AND h.deadline < " + b.arg(day) + ") OR h.overdue)")
	}
}

// areaCond filters column col by area code; GEN means "none of the
// notice's areas".
func areaCond(b *builder, col, area string) {
	switch {
	case area == "":
	case area == otherArea:
		codes := make([]string, len(checklist.Areas))
		for i, a := range checklist.Areas {
			codes[i] = b.arg(string(a))
		}
		b.add(col + " NOT IN (" + joinComma(codes) + ")")
	default:
		b.add(col + " = " + b.arg(area))
	}
}

func openList(b *builder) string {
	ps := make([]string, len(hazard.OpenStatuses))
	for i, st := range hazard.OpenStatuses {
		ps[i] = b.arg(string(st))
	}
	return joinComma(ps)
}

func joinComma(xs []string) string {
	out := ""
	for i, x := range xs {
		if i > 0 {
			out += ", "
		}
		out += x
	}
	return out
}

const hazardCols = `h.id, h.number, h.source, h.found_at, COALESCE(h.place_id, 0), COALESCE(pl.name, ''), h.area, h.item_code,
	h.category, h.level, h.description, COALESCE(h.unit_id, 0), COALESCE(u.name, ''), COALESCE(h.responsible_person_id, 0),
	COALESCE(rp.name, ''), h.measures, h.deadline, h.status, h.overdue, h.listed, h.closed_at, COALESCE(h.inspection_id, 0),
	h.funds_yuan, COALESCE(sv.name, ''), COALESCE(ac.name, '')`

const hazardFrom = ` FROM hazards h LEFT JOIN places pl ON pl.id = h.place_id LEFT JOIN units u ON u.id = h.unit_id
	LEFT JOIN people rp ON rp.id = h.responsible_person_id LEFT JOIN people sv ON sv.id = h.supervisor_person_id
	LEFT JOIN people ac ON ac.id = h.acceptor_person_id`

// queryHazards runs the hazard statement of b. A hazard is overdue when
// it is open and its deadline has passed (or the scheduler marked it).
func queryHazards(ctx context.Context, q sqldb.Querier, b *builder, order string, limit int, day string) ([]Problem, error) {
	query := `SELECT ` + hazardCols + hazardFrom + b.where() + order
	if limit > 0 {
		query += " LIMIT " + b.arg(limit)
	}
	rows, err := q.QueryContext(ctx, query, b.args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []Problem
	for rows.Next() {
		p := Problem{Kind: KindHazard}
		var found int64
		var closed sql.NullInt64
		if err := rows.Scan(&p.ID, &p.Number, &p.Source, &found, &p.PlaceID, &p.Place, &p.Area, &p.ItemCode, &p.Category, &p.Level,
			&p.Description, &p.UnitID, &p.UnitName, &p.ResponsibleID, &p.Responsible, &p.Measures, &p.Deadline, &p.Status,
			&p.Overdue, &p.Listed, &closed, &p.InspectionID, &p.FundsYuan, &p.Supervisor, &p.Acceptor); err != nil {
			return nil, err
		}
		p.FoundAt, p.ClosedAt, p.Source = fromMillis(found), nullMillis(closed), sourceLabel(p.Source)
		p.Overdue = isOpen(p.Status) && (p.Overdue || (p.Deadline != "" && p.Deadline < day))
		out = append(out, p)
	}
	return out, rows.Err()
}

// queryFindings reads the findings that have not become hazards. They
// have no responsible person yet, so only viewers of their unit or place
// see them.
func queryFindings(ctx context.Context, q sqldb.Querier, school int64, f Filter, sp span, sc scope, units []int64, limit int) ([]Problem, error) {
	b := newBuilder(school)
	b.add("fi.school_id = $1")
	b.add("fi.hazard_id IS NULL")
	if sp.from != 0 {
		b.add("fi.created_at >= " + b.arg(sp.from))
	}
	if sp.to != 0 {
		b.add("fi.created_at < " + b.arg(sp.to))
	}
	if units != nil {
		b.add("fi.unit_id IN (" + b.list(units) + ")")
	}
	if f.Level != "" {
		b.add("fi.level = " + b.arg(f.Level))
	}
	areaCond(b, "fi.area", f.Area)
	sc.cond(b, "fi.unit_id", "fi.place_id")
	query := `SELECT fi.id, fi.inspection_id, fi.created_at, COALESCE(fi.place_id, 0), COALESCE(pl.name, ''), fi.area, fi.item_code, fi.level,
		an.question_text, CASE WHEN fi.note <> '' THEN fi.note ELSE an.note END, COALESCE(fi.unit_id, 0), COALESCE(u.name, '')
		FROM findings fi JOIN inspection_answers an ON an.id = fi.answer_id
		LEFT JOIN places pl ON pl.id = fi.place_id LEFT JOIN units u ON u.id = fi.unit_id` + b.where() + ` ORDER BY fi.created_at DESC, fi.id DESC`
	if limit > 0 {
		query += " LIMIT " + b.arg(limit)
	}
	rows, err := q.QueryContext(ctx, query, b.args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []Problem
	for rows.Next() {
		p := Problem{Kind: KindFinding, Status: "finding", Source: "检查发现"}
		var at int64
		var question, note string
		if err := rows.Scan(&p.ID, &p.InspectionID, &at, &p.PlaceID, &p.Place, &p.Area, &p.ItemCode, &p.Level, &question, &note,
			&p.UnitID, &p.UnitName); err != nil {
			return nil, err
		}
		p.FoundAt, p.Description = fromMillis(at), question
		if note != "" {
			p.Description += "：" + note
		}
		out = append(out, p)
	}
	return out, rows.Err()
}
