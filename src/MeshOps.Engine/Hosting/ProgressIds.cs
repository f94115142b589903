namespace MeshOps.Engine.Hosting;

/// <summary>
/// The progress activity ids of the engine, one per kind of bar and distinct across the module, so two bars of one
/// command never overwrite each other. Nested bars name their parent (<see cref="MeshProgress.ParentActivityId"/>).
/// </summary>
public static class ProgressIds
{
    public const int Install = 7100;
    public const int Uninstall = 7200;
    public const int Generate = 7110;
    public const int Apply = 7300;
    public const int RolloutWait = 7301;
    public const int CrdWait = 7302;
    public const int Prune = 7303;
    public const int Move = 7401;
    public const int MoveRestart = 7402;
    public const int MoveHealthGate = 7403;
    public const int LabelNamespaces = 7500;
    public const int RestartWorkloads = 7510;
    public const int ChartRender = 7600;
    public const int Download = 1606;
}
