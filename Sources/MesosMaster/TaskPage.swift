import MesosMasterCore
import MesosModel

/// One page of `/master/tasks`: the tasks of every framework (active and completed tasks, of
/// active and completed frameworks), ordered by framework id then task id (reversed with
/// `descending`), `offset` skipped, at most `limit` returned.
///
/// Only the frameworks whose tasks fall on the page are sorted: a page costs O(frameworks + the
/// tasks of the frameworks it touches), not a sort of every task the master knows.
struct TaskPage {
    var limit: Int
    var offset: Int
    var descending: Bool
    var frameworkID: String?
    var taskID: String?

    func tasks(in state: MasterState) -> [MesosTask] {
        var groups: [FrameworkID: (active: [TaskID: MesosTask], completed: [MesosTask])] = [:]
        for record in state.frameworks.values where frameworkID == nil || record.id.value == frameworkID {
            groups[record.id, default: ([:], [])].active = record.tasks
            groups[record.id, default: ([:], [])].completed += record.completedTasks
        }
        for record in state.completedFrameworks where frameworkID == nil || record.id.value == frameworkID {
            groups[record.id, default: ([:], [])].completed += record.completedTasks
        }
        var ids = groups.keys.sorted()
        if descending { ids.reverse() }
        var skip = offset
        var page: [MesosTask] = []
        for id in ids where page.count < limit {
            guard let group = groups[id] else { continue }
            if let taskID {
                var tasks = group.active[TaskID(taskID)].map { [$0] } ?? []
                tasks += group.completed.filter { $0.taskID.value == taskID }
                let taken = tasks.dropFirst(skip).prefix(limit - page.count)
                skip = max(0, skip - tasks.count)
                page += taken
                continue
            }
            let count = group.active.count + group.completed.count
            if skip >= count {
                skip -= count
                continue
            }
            // Sorts the ids (and where each task is), not the tasks: a framework's 10,000 tasks are
            // large values, their ids small ones.
            var keys: [(id: TaskID, completed: Int?)] = group.active.keys.map { ($0, nil) }
            keys += group.completed.indices.map { (group.completed[$0].taskID, $0) }
            keys.sort { descending ? $0.id > $1.id : $0.id < $1.id }
            for key in keys.dropFirst(skip).prefix(limit - page.count) {
                if let index = key.completed {
                    page.append(group.completed[index])
                } else if let task = group.active[key.id] {
                    page.append(task)
                }
            }
            skip = max(0, skip - keys.count)
        }
        return page
    }
}
