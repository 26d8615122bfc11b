import MesosAgent

await AgentCommand.runAsDaemon()
