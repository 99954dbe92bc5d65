package hazard

import (
	"context"
	"time"

	"safecampus/internal/apperr"
	"safecampus/internal/auth"
	"safecampus/internal/sqldb"
)

// Guards are the rules of a step that depend on the record, not on who
// stands where (that is the table). Each refuses with its own message and
// code; tests/guards_test.go walks every one of them.

// guard builds a guard's refusal.
func guard(code, msg string) error { return apperr.New(apperr.Invalid, "hazard.guard."+code, msg) }

// checkDeadline parses a deadline and refuses one before today in the
// school's time zone (today itself is allowed: "fix it by tonight").
func checkDeadline(f *fieldErrs, field, v string, now time.Time, loc *time.Location) string {
	if v == "" {
		f.add(field, "请填写整改期限。")
		return ""
	}
	d, err := time.ParseInLocation(time.DateOnly, v, loc)
	if err != nil {
		f.add(field, "整改期限的日期格式不正确（应为 2026-03-31 这样的日期）。")
		return ""
	}
	if d.Format(time.DateOnly) < today(now, loc) {
		f.add(field, "整改期限不能早于今天。")
	}
	return d.Format(time.DateOnly)
}

// acceptGuard: the acceptor is never the rectifier nor the reporter, and a
// major hazard is accepted only by a member of the leading group.
func acceptGuard(ctx context.Context, q sqldb.Querier, a *auth.Actor, h *Hazard) error {
	submitter, err := lastActor(ctx, q, h.ID, ActSubmit)
	if err != nil {
		return err
	}
	if (a.PersonID != 0 && a.PersonID == h.RectifiedByID) || (a.AccountID != 0 && a.AccountID == submitter) {
		return guard("acceptor_rectified", "整改人不能验收自己整改的隐患，请由其他验收人验收。")
	}
	if (a.AccountID != 0 && a.AccountID == h.FoundByAccountID) || (a.PersonID != 0 && a.PersonID == h.FoundByPersonID) {
		return guard("acceptor_reported", "隐患上报人不能验收该隐患的整改，请由其他验收人验收。")
	}
	if h.Major() {
		ok, err := inLeadingGroup(ctx, q, h.SchoolID, a.PersonID)
		if err != nil {
			return err
		}
		if !ok {
			return guard("major_acceptor", "重大隐患须由安全领导小组成员验收后方可销号。")
		}
	}
	return nil
}

// planGuard: rectification of a major hazard starts only after its
// governance plan holds all six elements (第十五条).
func planGuard(ctx context.Context, q sqldb.Querier, h *Hazard) error {
	if !h.Major() {
		return nil
	}
	p, err := planOf(ctx, q, h.SchoolID, h.ID)
	if err != nil {
		return err
	}
	if p == nil || !p.Complete() {
		return guard("plan_missing", "重大隐患须先制定包含六项内容的治理方案，方可开始整改。")
	}
	return nil
}

// evidenceGuard: a rectification is submitted with at least one photo
// taken after the work.
func evidenceGuard(ctx context.Context, q sqldb.Querier, h *Hazard) error {
	var n int
	if err := q.QueryRowContext(ctx, `SELECT COUNT(*) FROM photos WHERE school_id = $1 AND owner_kind = $2 AND owner_id = $3`,
		h.SchoolID, OwnerAfter, h.ID).Scan(&n); err != nil {
		return err
	}
	if n == 0 {
		return guard("evidence", "提交验收前请上传至少一张整改后的照片。")
	}
	return nil
}

// listGuard: a hazard is listed once at a time, and delisted only while
// listed.
func listGuard(h *Hazard, list bool) error {
	if list && h.Listed {
		return guard("listed", "该隐患已挂牌督办。")
	}
	if !list && !h.Listed {
		return guard("not_listed", "该隐患未挂牌督办，无需摘牌。")
	}
	return nil
}

// duplicateGuard: a duplicate points at another hazard of the same school.
func duplicateGuard(ctx context.Context, q sqldb.Querier, h *Hazard, of int64) error {
	if of == 0 {
		return nil
	}
	if of == h.ID {
		return guard("duplicate_self", "重复隐患不能指向自身。")
	}
	var n int
	if err := q.QueryRowContext(ctx, `SELECT COUNT(*) FROM hazards WHERE id = $1 AND school_id = $2`, of, h.SchoolID).Scan(&n); err != nil {
		return err
	}
	if n == 0 {
		return guard("duplicate_missing", "所指的重复隐患不存在。")
	}
	return nil
}

// maxExtensionDays is the longest extension the school's office allows.
func maxExtensionDays(ctx context.Context, q sqldb.Querier, school int64) (int, error) {
	var days int
	err := q.QueryRowContext(ctx, `SELECT COALESCE((SELECT max_extension_days FROM hazard_settings WHERE school_id = $1), 30)`, school).Scan(&days)
	return days, err
}

// extensionGuard checks a requested new deadline: after the current one,
// not in the past, and at most the office's allowance later.
func extensionGuard(ctx context.Context, q sqldb.Querier, h *Hazard, newDeadline string, now time.Time, loc *time.Location) error {
	days, err := maxExtensionDays(ctx, q, h.SchoolID)
	if err != nil {
		return err
	}
	if h.Deadline != "" && newDeadline <= h.Deadline {
		return guard("extension_not_later", "延期后的整改期限须晚于原期限（"+h.Deadline+"）。")
	}
	if newDeadline < today(now, loc) {
		return guard("extension_past", "延期后的整改期限不能早于今天。")
	}
	if h.Deadline != "" {
		old, err := time.ParseInLocation(time.DateOnly, h.Deadline, loc)
		if err == nil && newDeadline > old.AddDate(0, 0, days).Format(time.DateOnly) {
			return apperr.Invalidf("hazard.guard.extension_too_long", "延期不能超过 %d 天（最晚至 %s）。", days, old.AddDate(0, 0, days).Format(time.DateOnly))
		}
	}
	return nil
}
