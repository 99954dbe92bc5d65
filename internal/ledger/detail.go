package ledger

import (
	"context"
	"database/sql"
	"errors"
	"time"

	"safecampus/internal/auth"
	"safecampus/internal/checklist"
	"safecampus/internal/sqldb"
)

// Answer is one answered question as it was when answered.
type Answer struct {
	ID           int64
	ItemCode     string
	Area         string
	QuestionCode string
	QuestionText string
	Result       string // pass | fail | na
	Note         string
	PhotoIDs     []int64
}

// ItemAnswers groups the answers of one check item, in answer order.
type ItemAnswers struct {
	ItemCode string
	Area     string
	Answers  []Answer
}

// AreaLabel is the Chinese name of the item's area.
func (g ItemAnswers) AreaLabel() string { return checklist.Area(g.Area).Label() }

// Finding is a failed answer recorded for rectification.
type Finding struct {
	ID       int64
	AnswerID int64
	ItemCode string
	Area     string
	Level    string
	Note     string
	HazardID int64
}

// LevelLabel is the hazard level's Chinese name.
func (f Finding) LevelLabel() string { return checklist.LevelLabel(f.Level) }

// Person is a co-inspector.
type Person struct {
	ID   int64
	Name string
}

// Detail is one submitted inspection with everything recorded in it.
type Detail struct {
	Row
	StartedAt        time.Time
	Signature        string
	SignaturePhotoID int64 // the drawn signature, served like the inspection's photos (0: typed only)
	Items            []ItemAnswers
	Failed           []Answer
	Findings         []Finding
	PhotoIDs         []int64 // every photo of the inspection, its answers' included
	CoInspectorList  []Person
}

// Detail returns inspection id of school when the actor may read it; any
// other id (a draft, another school's, one outside the actor's units) is
// not found, so its existence is not revealed.
func (s *Service) Detail(ctx context.Context, a *auth.Actor, school, id int64) (Detail, error) {
	q := s.DB.Read()
	v, err := resolveVisibility(ctx, q, a, school)
	if err != nil {
		return Detail{}, err
	}
	b := newBuilder(school)
	b.addVisibility(v)
	b.conds = append(b.conds, "i.id = "+b.arg(id))
	var d Detail
	var started int64
	d.Row, err = scanRow(q.QueryRowContext(ctx, `SELECT `+rowCols+`, i.started_at, i.signature, COALESCE(i.signature_photo_id, 0)`+rowFrom+b.where(), b.args...),
		&started, &d.Signature, &d.SignaturePhotoID)
	if errors.Is(err, sql.ErrNoRows) {
		return Detail{}, notVisible()
	}
	if err != nil {
		return Detail{}, err
	}
	d.StartedAt = fromMillis(started)
	if err := d.loadAnswers(ctx, q, school); err != nil {
		return Detail{}, err
	}
	if err := d.loadFindings(ctx, q, school); err != nil {
		return Detail{}, err
	}
	if err := d.loadPhotos(ctx, q, school); err != nil {
		return Detail{}, err
	}
	if err := d.loadCoInspectors(ctx, q, school); err != nil {
		return Detail{}, err
	}
	return d, nil
}

func (d *Detail) loadAnswers(ctx context.Context, q sqldb.Querier, school int64) error {
	rows, err := q.QueryContext(ctx, `SELECT id, item_code, area, question_code, question_text, result, note
		FROM inspection_answers WHERE school_id = $1 AND inspection_id = $2 ORDER BY id`, school, d.ID)
	if err != nil {
		return err
	}
	defer rows.Close()
	group := map[string]int{}
	for rows.Next() {
		var an Answer
		if err := rows.Scan(&an.ID, &an.ItemCode, &an.Area, &an.QuestionCode, &an.QuestionText, &an.Result, &an.Note); err != nil {
			return err
		}
		g, ok := group[an.ItemCode]
		if !ok {
			g = len(d.Items)
			group[an.ItemCode] = g
			d.Items = append(d.Items, ItemAnswers{ItemCode: an.ItemCode, Area: an.Area})
		}
		d.Items[g].Answers = append(d.Items[g].Answers, an)
	}
	return rows.Err()
}

func (d *Detail) loadFindings(ctx context.Context, q sqldb.Querier, school int64) error {
	rows, err := q.QueryContext(ctx, `SELECT id, answer_id, item_code, area, level, note, COALESCE(hazard_id, 0)
		FROM findings WHERE school_id = $1 AND inspection_id = $2 ORDER BY id`, school, d.ID)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		var f Finding
		if err := rows.Scan(&f.ID, &f.AnswerID, &f.ItemCode, &f.Area, &f.Level, &f.Note, &f.HazardID); err != nil {
			return err
		}
		d.Findings = append(d.Findings, f)
	}
	return rows.Err()
}

// loadPhotos attaches the photos of the inspection and of its answers and
// findings, then fills Failed (which carries the answers' photos).
func (d *Detail) loadPhotos(ctx context.Context, q sqldb.Querier, school int64) error {
	rows, err := q.QueryContext(ctx, `SELECT id, owner_kind, owner_id FROM photos WHERE school_id = $1 AND (
			(owner_kind = 'inspection' AND owner_id = $2)
		 OR (owner_kind = 'answer' AND owner_id IN (SELECT id FROM inspection_answers WHERE inspection_id = $2))
		 OR (owner_kind = 'finding' AND owner_id IN (SELECT id FROM findings WHERE inspection_id = $2)))
		ORDER BY id`, school, d.ID)
	if err != nil {
		return err
	}
	defer rows.Close()
	byAnswer := map[int64][]int64{}
	findingAnswer := map[int64]int64{}
	for _, f := range d.Findings {
		findingAnswer[f.ID] = f.AnswerID
	}
	for rows.Next() {
		var id, owner int64
		var kind string
		if err := rows.Scan(&id, &kind, &owner); err != nil {
			return err
		}
		d.PhotoIDs = append(d.PhotoIDs, id)
		switch kind {
		case "answer":
			byAnswer[owner] = append(byAnswer[owner], id)
		case "finding":
			byAnswer[findingAnswer[owner]] = append(byAnswer[findingAnswer[owner]], id)
		}
	}
	if err := rows.Err(); err != nil {
		return err
	}
	for gi := range d.Items {
		for ai := range d.Items[gi].Answers {
			an := &d.Items[gi].Answers[ai]
			an.PhotoIDs = byAnswer[an.ID]
			if an.Result == "fail" {
				d.Failed = append(d.Failed, *an)
			}
		}
	}
	return nil
}

func (d *Detail) loadCoInspectors(ctx context.Context, q sqldb.Querier, school int64) error {
	rows, err := q.QueryContext(ctx, `SELECT p.id, p.name FROM inspection_coinspectors c JOIN people p ON p.id = c.person_id AND p.school_id = $1
		WHERE c.inspection_id = $2 ORDER BY p.id`, school, d.ID)
	if err != nil {
		return err
	}
	defer rows.Close()
	d.CoInspectors = nil
	for rows.Next() {
		var p Person
		if err := rows.Scan(&p.ID, &p.Name); err != nil {
			return err
		}
		d.CoInspectorList = append(d.CoInspectorList, p)
		d.CoInspectors = append(d.CoInspectors, p.Name)
	}
	return rows.Err()
}
