package hazard

import (
	"context"
	"database/sql"
	"errors"

	"safecampus/internal/sqldb"
)

// steps maps each action of the table to its step function: validate the
// form, check the guards, change c.h and write any side rows.
var steps = map[Action]func(*change, Step) error{
	ActConfirm:          stepConfirm,
	ActReject:           stepReject,
	ActAssign:           stepAssign,
	ActReassign:         stepReassign,
	ActPlan:             stepPlan,
	ActStart:            stepStart,
	ActProgress:         stepProgress,
	ActSubmit:           stepSubmit,
	ActAccept:           stepAccept,
	ActReturn:           stepReturn,
	ActReopen:           stepReopen,
	ActRequestExtension: stepRequestExtension,
	ActApproveExtension: stepDecideExtension(true),
	ActRefuseExtension:  stepDecideExtension(false),
	ActList:             stepList,
	ActDelist:           stepDelist,
}

// stepConfirm: the office confirms the report is real and settles its
// level, area and category (each kept when left empty).
func stepConfirm(c *change, st Step) error {
	var f fieldErrs
	switch st.Level {
	case "":
	case LevelGeneral, LevelMajor:
		c.h.Level = st.Level
	default:
		f.add("level", "隐患等级无效。")
	}
	if st.Area != "" {
		if validArea(st.Area) {
			c.h.Area = st.Area
		} else {
			f.add("area", "检查领域无效。")
		}
	}
	if st.Category != "" {
		c.h.Category = f.text("category", "隐患类别", st.Category, false, maxShort)
	}
	c.note = f.text("note", "说明", st.Note, false, maxNote)
	return f.err("hazard.confirm_invalid")
}

// stepReject: invalid or a duplicate of another hazard, always with reason.
func stepReject(c *change, st Step) error {
	var f fieldErrs
	c.note = f.text("reason", "驳回理由", firstText(st.Reason, st.Note), true, maxNote)
	if err := f.err("hazard.reject_invalid"); err != nil {
		return err
	}
	if err := duplicateGuard(c.ctx, c.tx, c.h, st.DuplicateOf); err != nil {
		return err
	}
	c.h.RejectReason, c.h.DuplicateOf = c.note, st.DuplicateOf
	return nil
}

// assignment validates what assign and reassign set: unit, responsible
// person, measures, funds, deadline, acceptor and supervisor. keep fills
// empty fields from the hazard (reassign changes only what it names).
func (c *change) assignment(f *fieldErrs, st Step, keep bool) error {
	h := c.h
	if keep {
		st.UnitID, st.ResponsibleID = or(st.UnitID, h.UnitID), or(st.ResponsibleID, h.ResponsibleID)
		st.AcceptorID, st.SupervisorID = or(st.AcceptorID, h.AcceptorID), or(st.SupervisorID, h.SupervisorID)
		st.Measures = firstText(st.Measures, h.Measures)
		if st.Deadline == "" {
			st.Deadline = firstText(st.NewDeadline, h.Deadline)
		}
	}
	c.ref(f, "unit_id", "责任单位", `SELECT COUNT(*) FROM units WHERE id = $1 AND school_id = $2 AND active`, st.UnitID, true)
	c.ref(f, "responsible_id", "整改责任人", `SELECT COUNT(*) FROM people WHERE id = $1 AND school_id = $2 AND active`, st.ResponsibleID, true)
	c.ref(f, "acceptor_id", "验收人", `SELECT COUNT(*) FROM people WHERE id = $1 AND school_id = $2 AND active`, st.AcceptorID, false)
	c.ref(f, "supervisor_id", "督办领导", `SELECT COUNT(*) FROM people WHERE id = $1 AND school_id = $2 AND active`, st.SupervisorID, false)
	measures := f.text("measures", "整改措施", st.Measures, true, maxNote)
	if st.FundsYuan < 0 {
		f.add("funds_yuan", "整改经费不能为负数。")
	}
	deadline := h.Deadline
	if !keep || st.Deadline != h.Deadline {
		deadline = checkDeadline(f, "deadline", st.Deadline, c.now, c.loc)
	}
	if st.AcceptorID != 0 {
		switch {
		case st.AcceptorID == st.ResponsibleID:
			f.add("acceptor_id", "验收人不能是整改责任人。")
		case st.AcceptorID == h.FoundByPersonID:
			f.add("acceptor_id", "验收人不能是隐患上报人。")
		case h.Major():
			ok, err := inLeadingGroup(c.ctx, c.tx, h.SchoolID, st.AcceptorID)
			if err != nil {
				return err
			}
			if !ok {
				f.add("acceptor_id", "重大隐患的验收人须为安全领导小组成员。")
			}
		}
	}
	h.UnitID, h.ResponsibleID, h.Measures, h.Deadline = st.UnitID, st.ResponsibleID, measures, deadline
	h.AcceptorID, h.SupervisorID = st.AcceptorID, st.SupervisorID
	if !keep || st.FundsYuan != 0 {
		h.FundsYuan = st.FundsYuan
	}
	return nil
}

// ref checks that id names an active row of the school; required refs
// must be given.
func (c *change) ref(f *fieldErrs, field, label, query string, id int64, required bool) {
	if id == 0 {
		if required {
			f.add(field, "请选择"+label+"。")
		}
		return
	}
	if ok, err := exists(c.ctx, c.tx, query, id, c.h.SchoolID); err != nil || !ok {
		f.add(field, "所选"+label+"不存在或已停用。")
	}
}

func exists(ctx context.Context, q sqldb.Querier, query string, id, school int64) (bool, error) {
	var n int
	err := q.QueryRowContext(ctx, query, id, school).Scan(&n)
	if errors.Is(err, sql.ErrNoRows) {
		return false, nil
	}
	return n > 0, err
}

func or(v, dflt int64) int64 {
	if v != 0 {
		return v
	}
	return dflt
}

// stepAssign: the office hands the hazard to a unit and person with
// measures and a deadline.
func stepAssign(c *change, st Step) error {
	var f fieldErrs
	if err := c.assignment(&f, st, false); err != nil {
		return err
	}
	c.note = f.text("note", "说明", st.Note, false, maxNote)
	return f.err("hazard.assign_invalid")
}

// stepReassign: the office moves the work to another unit or person, with
// a reason; a new deadline restarts the overdue clock.
func stepReassign(c *change, st Step) error {
	var f fieldErrs
	unit, person, deadline := c.h.UnitID, c.h.ResponsibleID, c.h.Deadline
	c.note = f.text("reason", "改派理由", firstText(st.Reason, st.Note), true, maxNote)
	if err := c.assignment(&f, st, true); err != nil {
		return err
	}
	if err := f.err("hazard.reassign_invalid"); err != nil {
		return err
	}
	if c.h.UnitID == unit && c.h.ResponsibleID == person {
		return guard("reassign_same", "改派须更换责任单位或整改责任人。")
	}
	if c.h.Deadline != deadline {
		c.restartClock()
	}
	return nil
}
