package inspection

import (
	"context"

	"safecampus/internal/sqldb"
)

// loadDetail fills the answers (with photos), findings and co-inspectors.
func loadDetail(ctx context.Context, q sqldb.Querier, in *Inspection) error {
	rows, err := q.QueryContext(ctx, `SELECT id, item_id, item_code, area, question_code, question_text, result, note
		FROM inspection_answers WHERE inspection_id = $1 AND school_id = $2 ORDER BY id`, in.ID, in.SchoolID)
	if err != nil {
		return err
	}
	at := map[int64]int{}
	for rows.Next() {
		var a AnswerRecord
		if err := rows.Scan(&a.ID, &a.ItemID, &a.ItemCode, &a.Area, &a.QuestionCode, &a.QuestionText, &a.Result, &a.Note); err != nil {
			rows.Close()
			return err
		}
		at[a.ID] = len(in.Answers)
		in.Answers = append(in.Answers, a)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return err
	}
	rows, err = q.QueryContext(ctx, `SELECT ph.id, ph.owner_id FROM photos ph JOIN inspection_answers an ON an.id = ph.owner_id
		WHERE ph.owner_kind = 'answer' AND ph.school_id = $2 AND an.inspection_id = $1 ORDER BY ph.id`, in.ID, in.SchoolID)
	if err != nil {
		return err
	}
	for rows.Next() {
		var pid, aid int64
		if err := rows.Scan(&pid, &aid); err != nil {
			rows.Close()
			return err
		}
		if i, ok := at[aid]; ok {
			in.Answers[i].PhotoIDs = append(in.Answers[i].PhotoIDs, pid)
		}
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return err
	}
	rows, err = q.QueryContext(ctx, `SELECT id, answer_id, item_code, area, level, note, COALESCE(hazard_id, 0)
		FROM findings WHERE inspection_id = $1 AND school_id = $2 ORDER BY id`, in.ID, in.SchoolID)
	if err != nil {
		return err
	}
	for rows.Next() {
		var f Finding
		if err := rows.Scan(&f.ID, &f.AnswerID, &f.ItemCode, &f.Area, &f.Level, &f.Note, &f.HazardID); err != nil {
			rows.Close()
			return err
		}
		if i, ok := at[f.AnswerID]; ok {
			a := in.Answers[i]
			f.QuestionCode, f.QuestionText, f.PhotoIDs = a.QuestionCode, a.QuestionText, a.PhotoIDs
		}
		in.Findings = append(in.Findings, f)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return err
	}
	rows, err = q.QueryContext(ctx, `SELECT p.id, p.name FROM inspection_coinspectors c JOIN people p ON p.id = c.person_id
		WHERE c.inspection_id = $1 AND c.school_id = $2 ORDER BY p.id`, in.ID, in.SchoolID)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		var p Person
		if err := rows.Scan(&p.ID, &p.Name); err != nil {
			return err
		}
		in.CoInspectors = append(in.CoInspectors, p)
	}
	return rows.Err()
}
