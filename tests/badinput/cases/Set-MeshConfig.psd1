# Set-MeshConfig against revision 'stable' (installed, ConfigMap istio-stable).
@{
    Cmdlet = 'Set-MeshConfig'
    Cases  = @(
        @{ Name = 'revision-unknown'; Params = @{ Revision = 'nope'; AccessLogFile = '/dev/stdout' }; ErrorId = 'RevisionNotFound'; Category = 'ObjectNotFound' }
        @{ Name = 'revision-invalid'; Params = @{ Revision = 'BAD.REV'; AccessLogFile = '/dev/stdout' }; ErrorId = 'RevisionInvalid'; Category = 'InvalidArgument' }
        @{ Name = 'no-setting'; Params = @{ Revision = 'stable' }; ErrorId = 'NoMeshConfigSetting'; Category = 'InvalidArgument' }
        @{ Name = 'access-log-encoding-invalid'; Params = @{ Revision = 'stable'; AccessLogEncoding = 'XML' }; ErrorId = 'ParameterArgumentValidationError'; Category = 'InvalidData' }
        @{ Name = 'outbound-policy-invalid'; Params = @{ Revision = 'stable'; OutboundTrafficPolicy = 'SOMETIMES' }; ErrorId = 'ParameterArgumentValidationError'; Category = 'InvalidData' }
        @{ Name = 'prometheus-merge-not-bool'; Params = @{ Revision = 'stable'; EnablePrometheusMerge = 'maybe' }; ErrorId = 'CannotConvertArgument'; Category = 'InvalidArgument' }
        @{ Name = 'set-no-equals'; Params = @{ Revision = 'stable'; Set = 'accessLogFile' }; ErrorId = 'InvalidMeshConfigSetting'; Category = 'InvalidArgument' }
        @{ Name = 'set-empty-path'; Params = @{ Revision = 'stable'; Set = '=x' }; ErrorId = 'InvalidMeshConfigSetting'; Category = 'InvalidArgument' }
        @{ Name = 'set-unknown-setting'; Params = @{ Revision = 'stable'; Set = 'nope=1' }; ErrorId = 'InvalidMeshConfigSetting'; Category = 'InvalidArgument' }
        @{ Name = 'set-unknown-nested-setting'; Params = @{ Revision = 'stable'; Set = 'defaultConfig.nope=1' }; ErrorId = 'InvalidMeshConfigSetting'; Category = 'InvalidArgument' }
        @{ Name = 'set-bad-enum'; Params = @{ Revision = 'stable'; Set = 'accessLogEncoding=XML' }; ErrorId = 'InvalidMeshConfigSetting'; Category = 'InvalidArgument' }
        @{ Name = 'set-bad-duration'; Params = @{ Revision = 'stable'; Set = 'connectTimeout=forever' }; ErrorId = 'InvalidMeshConfigSetting'; Category = 'InvalidArgument' }
        @{ Name = 'set-int-not-int'; Params = @{ Revision = 'stable'; Set = 'defaultConfig.concurrency=lots' }; ErrorId = 'InvalidMeshConfigSetting'; Category = 'InvalidArgument' }
        @{ Name = 'set-bool-not-bool'; Params = @{ Revision = 'stable'; Set = 'enablePrometheusMerge=maybe' }; ErrorId = 'InvalidMeshConfigSetting'; Category = 'InvalidArgument' }
        @{ Name = 'set-outside-meshconfig'; Params = @{ Revision = 'stable'; Set = 'values.global.hub=x' }; ErrorId = 'InvalidMeshConfigSetting'; Category = 'InvalidArgument' }
        @{ Name = 'meshconfig-yaml-invalid'; Params = @{ Revision = 'stable'; MeshConfig = "accessLogFile: [`n" }; ErrorId = 'YamlParseError'; Category = 'SyntaxError' }
        @{ Name = 'meshconfig-yaml-list'; Params = @{ Revision = 'stable'; MeshConfig = "- a`n- b`n" }; ErrorId = 'InvalidMeshConfigYaml'; Category = 'InvalidArgument' }
        @{ Name = 'meshconfig-yaml-scalar'; Params = @{ Revision = 'stable'; MeshConfig = 'just text' }; ErrorId = 'InvalidMeshConfigYaml'; Category = 'InvalidArgument' }
        @{ Name = 'meshconfig-yaml-unknown-field'; Params = @{ Revision = 'stable'; MeshConfig = "accessLogFil: /dev/stdout`n" }; ErrorId = 'InvalidMeshConfigSetting'; Category = 'InvalidArgument' }
        @{ Name = 'meshconfig-yaml-bad-enum'; Params = @{ Revision = 'stable'; MeshConfig = "accessLogEncoding: XML`n" }; ErrorId = 'InvalidMeshConfigSetting'; Category = 'InvalidArgument' }
        @{ Name = 'meshconfig-yaml-wrong-type'; Params = @{ Revision = 'stable'; MeshConfig = "defaultConfig: 12`n" }; ErrorId = 'InvalidMeshConfigSetting'; Category = 'InvalidArgument' }
        @{ Name = 'meshconfig-iop-unknown-field'; Params = @{ Revision = 'stable'; MeshConfig = "apiVersion: install.istio.io/v1alpha1`nkind: IstioOperator`nspec:`n  meshConfig:`n    nope: 1`n" }; ErrorId = 'InvalidMeshConfigSetting'; Category = 'InvalidArgument' }
        @{ Name = 'meshconfig-block-bad-enum'; Params = @{ Revision = 'stable'; MeshConfig = "meshConfig:`n  outboundTrafficPolicy:`n    mode: SOMETIMES`n" }; ErrorId = 'InvalidMeshConfigSetting'; Category = 'InvalidArgument' }
        @{ Name = 'meshconfig-hashtable-unknown'; Params = @{ Revision = 'stable'; MeshConfig = @{ nope = 1 } }; ErrorId = 'InvalidMeshConfigSetting'; Category = 'InvalidArgument' }
        @{ Name = 'meshconfig-hashtable-bad-enum'; Params = @{ Revision = 'stable'; MeshConfig = @{ accessLogEncoding = 'XML' } }; ErrorId = 'InvalidMeshConfigSetting'; Category = 'InvalidArgument' }
        @{ Name = 'meshconfig-hashtable-wrong-type'; Params = @{ Revision = 'stable'; MeshConfig = @{ enablePrometheusMerge = @{ a = 1 } } }; ErrorId = 'InvalidMeshConfigSetting'; Category = 'InvalidArgument' }
        @{ Name = 'meshconfig-number'; Params = @{ Revision = 'stable'; MeshConfig = 42 }; ErrorId = 'InvalidMeshConfigYaml'; Category = 'InvalidArgument' }
        @{ Name = 'default-config-unknown'; Params = @{ Revision = 'stable'; DefaultConfig = @{ nope = 1 } }; ErrorId = 'InvalidMeshConfigSetting'; Category = 'InvalidArgument' }
        @{ Name = 'default-config-wrong-type'; Params = @{ Revision = 'stable'; DefaultConfig = @{ concurrency = 'lots' } }; ErrorId = 'InvalidMeshConfigSetting'; Category = 'InvalidArgument' }
        @{ Name = 'default-config-nested-wrong-type'; Params = @{ Revision = 'stable'; DefaultConfig = @{ proxyMetadata = 'x' } }; ErrorId = 'InvalidMeshConfigSetting'; Category = 'InvalidArgument' }
        @{ Name = 'access-log-and-set-conflict-bad'; Params = @{ Revision = 'stable'; AccessLogFile = '/dev/stdout'; Set = 'accessLogEncoding=XML' }; ErrorId = 'InvalidMeshConfigSetting'; Category = 'InvalidArgument' }
    )
}
