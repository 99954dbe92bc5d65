package hazard

// stepStart: the unit starts the work; a major hazard needs its complete
// governance plan first.
func stepStart(c *change, st Step) error {
	if err := planGuard(c.ctx, c.tx, c.h); err != nil {
		return err
	}
	var f fieldErrs
	c.note = f.text("note", "说明", st.Note, false, maxNote)
	return f.err("hazard.start_invalid")
}

// stepProgress: a progress note, with photos when there are any.
func stepProgress(c *change, st Step) error {
	var f fieldErrs
	c.note = f.text("note", "整改进展", st.Note, true, maxNote)
	if len(st.PhotoIDs) > maxReportPhotos {
		f.add("photos", "照片不能超过 9 张。")
	}
	if err := f.err("hazard.progress_invalid"); err != nil {
		return err
	}
	if err := linkPhotos(c.ctx, c.tx, c.a, c.h.SchoolID, c.h.ID, OwnerProgress, st.PhotoIDs); err != nil {
		return err
	}
	if len(st.PhotoIDs) > 0 {
		c.extra["photo_ids"] = st.PhotoIDs
	}
	return nil
}

// stepSubmit: the rectification result with evidence photos; whoever
// submits is the rectifier, who may then not accept it.
func stepSubmit(c *change, st Step) error {
	var f fieldErrs
	c.note = f.text("note", "整改结果", firstText(st.Note, st.Reason), true, maxNote)
	if len(st.PhotoIDs) > maxReportPhotos {
		f.add("photos", "照片不能超过 9 张。")
	}
	if err := f.err("hazard.submit_invalid"); err != nil {
		return err
	}
	if err := linkPhotos(c.ctx, c.tx, c.a, c.h.SchoolID, c.h.ID, OwnerAfter, st.PhotoIDs); err != nil {
		return err
	}
	if err := evidenceGuard(c.ctx, c.tx, c.h); err != nil {
		return err
	}
	c.h.ResultNote, c.h.RectifiedByID = c.note, c.a.PersonID
	c.h.AcceptanceResult, c.h.AcceptanceComment = "", ""
	if len(st.PhotoIDs) > 0 {
		c.extra["photo_ids"] = st.PhotoIDs
	}
	return nil
}

// Acceptance results.
const (
	AcceptancePassed   = "passed"   // 验收通过
	AcceptanceReturned = "returned" // 验收退回
)

// stepAccept closes the hazard (销号).
func stepAccept(c *change, st Step) error {
	if err := acceptGuard(c.ctx, c.tx, c.a, c.h); err != nil {
		return err
	}
	var f fieldErrs
	c.note = f.text("note", "验收意见", st.Note, false, maxNote)
	if err := f.err("hazard.accept_invalid"); err != nil {
		return err
	}
	now := c.now
	c.h.AcceptanceResult, c.h.AcceptanceComment, c.h.AcceptedByID, c.h.ClosedAt = AcceptancePassed, c.note, c.a.PersonID, &now
	return nil
}

// stepReturn sends the work back with the reason.
func stepReturn(c *change, st Step) error {
	var f fieldErrs
	c.note = f.text("reason", "退回理由", firstText(st.Reason, st.Note), true, maxNote)
	if err := f.err("hazard.return_invalid"); err != nil {
		return err
	}
	c.h.AcceptanceResult, c.h.AcceptanceComment = AcceptanceReturned, c.note
	return nil
}

// stepReopen: the look-back found the fix did not hold; the work starts
// again with a reason and a new deadline.
func stepReopen(c *change, st Step) error {
	var f fieldErrs
	c.note = f.text("reason", "重新打开的理由", firstText(st.Reason, st.Note), true, maxNote)
	deadline := checkDeadline(&f, "new_deadline", firstText(st.NewDeadline, st.Deadline), c.now, c.loc)
	if err := f.err("hazard.reopen_invalid"); err != nil {
		return err
	}
	h := c.h
	h.Deadline, h.ClosedAt, h.AcceptanceResult, h.AcceptanceComment, h.AcceptedByID = deadline, nil, "", "", 0
	c.restartClock()
	return nil
}
