package inspection

import (
	"context"
	"strconv"
	"strings"
	"time"

	"safecampus/internal/apperr"
	"safecampus/internal/auth"
	"safecampus/internal/sqldb"
)

// insertAnswers writes every answer in one statement and returns the new
// ids by question code.
func insertAnswers(ctx context.Context, tx *sqldb.Tx, school, id int64, p *prepared) (map[string]int64, error) {
	var sb strings.Builder
	sb.WriteString(`INSERT INTO inspection_answers (school_id, inspection_id, item_id, item_code, area, question_code, question_text, result, note) VALUES `)
	args := make([]any, 0, 2+7*len(p.Answers))
	args = append(args, school, id)
	for i, an := range p.Answers {
		qu := p.questions[an.QuestionCode]
		if i > 0 {
			sb.WriteString(", ")
		}
		n := len(args)
		sb.WriteString("($1, $2")
		for k := 1; k <= 7; k++ {
			sb.WriteString(", $" + strconv.Itoa(n+k))
		}
		sb.WriteString(")")
		args = append(args, qu.Item.ID, qu.Item.Code, string(qu.Item.Area), qu.Code, qu.Text, an.Result, an.Note)
	}
	sb.WriteString(" RETURNING id, question_code")
	rows, err := tx.QueryContext(ctx, sb.String(), args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := make(map[string]int64, len(p.Answers))
	for rows.Next() {
		var aid int64
		var code string
		if err := rows.Scan(&aid, &code); err != nil {
			return nil, err
		}
		out[code] = aid
	}
	return out, rows.Err()
}

// insertFindings records one finding per failed answer, at the item's
// default level, and returns how many.
func insertFindings(ctx context.Context, tx *sqldb.Tx, school, id int64, p *prepared, answerIDs map[string]int64, now time.Time) (int, error) {
	n := 0
	for _, an := range p.Answers {
		if an.Result != ResultFail {
			continue
		}
		it := p.questions[an.QuestionCode].Item
		level := it.DefaultLevel
		if level == "" {
			level = "general"
		}
		_, err := tx.ExecContext(ctx, `INSERT INTO findings (school_id, inspection_id, answer_id, item_code, area, place_id, unit_id, level, note, created_at)
			VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
			school, id, answerIDs[an.QuestionCode], it.Code, string(it.Area), nullID(p.PlaceID), nullID(p.UnitID), level, an.Note, now.UnixMilli())
		if err != nil {
			return n, err
		}
		n++
	}
	return n, nil
}

// linkPhoto moves one of the actor's pending photos to an answer. Any other
// photo (someone else's, already linked, another school's) refuses the
// whole submission.
func linkPhoto(ctx context.Context, tx *sqldb.Tx, a *auth.Actor, school, photoID, answerID int64) error {
	res, err := tx.ExecContext(ctx, `UPDATE photos SET owner_kind = 'answer', owner_id = $1
		WHERE id = $2 AND school_id = $3 AND owner_kind = 'pending' AND uploaded_by = $4`, answerID, photoID, school, a.AccountID)
	if err != nil {
		return err
	}
	if n, err := res.RowsAffected(); err != nil {
		return err
	} else if n != 1 {
		return apperr.Invalidf("inspection.photo", "照片（编号 %d）已失效或不是您上传的，请重新拍摄。", photoID)
	}
	return nil
}

// linkSignature moves the actor's pending photo drawn on the signature pad
// to the inspection. Like an answer's photo, anything but the actor's own
// pending photo refuses the whole submission.
func linkSignature(ctx context.Context, tx *sqldb.Tx, a *auth.Actor, school, photoID, inspectionID int64) error {
	res, err := tx.ExecContext(ctx, `UPDATE photos SET owner_kind = 'signature', owner_id = $1
		WHERE id = $2 AND school_id = $3 AND owner_kind = 'pending' AND uploaded_by = $4`, inspectionID, photoID, school, a.AccountID)
	if err != nil {
		return err
	}
	if n, err := res.RowsAffected(); err != nil {
		return err
	} else if n != 1 {
		e := apperr.Fields("inspection.signature", []apperr.FieldError{{Field: "signature", Message: "手写签名已失效，请清除后重新签名。"}})
		e.Message = "手写签名已失效，请清除后重新签名。"
		return e
	}
	return nil
}
