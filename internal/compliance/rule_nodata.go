package compliance

import (
	"context"
	"fmt"
)

// noData is the evaluation of a rule whose records belong to later work
// (training, certificates, drills, alarms, guards, chemicals, contracts):
// until the program stores them the rule answers nodata, never pass. When
// that data arrives, the rule gets a real evaluation here and keeps its
// id, name and parameters.
func noData(what string) func(ctx context.Context, e *Env, sc Scope) (Result, error) {
	return func(context.Context, *Env, Scope) (Result, error) {
		return Result{Status: StatusNoData, Value: "暂无数据",
			Note: fmt.Sprintf("系统尚未记录%s数据，暂无法评估；在录入%s记录之前不视为达标。", what, what)}, nil
	}
}
