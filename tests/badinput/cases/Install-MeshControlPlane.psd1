# Install-MeshControlPlane: everything is validated before the first request, so a bad input writes nothing
# (not even with -WhatIf, which would make server-side dry-run requests).
@{
    Cmdlet = 'Install-MeshControlPlane'
    Cases  = @(
        @{ Name = 'timeout-negative'; Params = @{ Profile = 'minimal'; Revision = 'neg'; Timeout = '-00:01:00' }; ErrorId = 'ParameterArgumentValidationError'; Category = 'InvalidData' }
        @{ Name = 'timeout-zero'; Params = @{ Profile = 'minimal'; Revision = 'zero'; Timeout = '00:00:00' }; ErrorId = 'ParameterArgumentValidationError'; Category = 'InvalidData' }
        @{ Name = 'timeout-negative-skipwait'; Params = @{ Profile = 'minimal'; Revision = 'neg'; Timeout = '-00:00:01'; SkipWait = $true }; ErrorId = 'ParameterArgumentValidationError'; Category = 'InvalidData' }
        @{ Name = 'timeout-not-a-timespan'; Params = @{ Profile = 'minimal'; Revision = 'x'; Timeout = 'soon' }; ErrorId = 'CannotConvertArgumentNoMessage'; Category = 'InvalidArgument' }
        @{ Name = 'profile-unknown'; Params = @{ Profile = 'nope'; Revision = 'x' }; ErrorId = 'ProfileNotFound'; Category = 'ObjectNotFound' }
        @{ Name = 'profile-unknown-whatif'; Params = @{ Profile = 'nope'; Revision = 'x'; WhatIf = $true }; ErrorId = 'ProfileNotFound'; Category = 'ObjectNotFound' }
        @{ Name = 'profile-path-traversal'; Params = @{ Profile = '../../../../etc/passwd'; Revision = 'x' }; ErrorId = 'ProfileNotFound'; Category = 'ObjectNotFound' }
        @{ Name = 'revision-dot'; Params = @{ Profile = 'minimal'; Revision = 'BAD.REV' }; ErrorId = 'RevisionInvalid'; Category = 'InvalidData' }
        @{ Name = 'revision-upper-case'; Params = @{ Profile = 'minimal'; Revision = 'Canary' }; ErrorId = 'RevisionInvalid'; Category = 'InvalidData' }
        @{ Name = 'revision-64-chars'; Params = @{ Profile = 'minimal'; Revision = 'aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa' }; ErrorId = 'RevisionInvalid'; Category = 'InvalidData' }
        @{ Name = 'revision-space-whatif'; Params = @{ Profile = 'minimal'; Revision = 'a b'; WhatIf = $true }; ErrorId = 'RevisionInvalid'; Category = 'InvalidData' }
        @{ Name = 'namespace-invalid'; Params = @{ Profile = 'minimal'; Revision = 'x'; Namespace = 'Bad_NS' }; ErrorId = 'ParameterArgumentValidationError'; Category = 'InvalidData' }
        @{ Name = 'manifests-path-missing'; Params = @{ Profile = 'minimal'; Revision = 'x'; ManifestsPath = '<tmp>/none' }; ErrorId = 'ManifestsPathNotFound'; Category = 'ObjectNotFound' }
        @{ Name = 'manifests-path-required'; Params = @{ Profile = 'minimal'; Revision = 'x' }; Omit = @('ManifestsPath'); ErrorId = 'ManifestsPathRequired'; Category = 'InvalidArgument' }
        @{ Name = 'version-not-cached'; Params = @{ Profile = 'minimal'; Revision = 'x'; Version = '1.99.0' }; ErrorId = 'IstioReleaseNotCached'; Category = 'ObjectNotFound' }
        @{ Name = 'version-invalid'; Params = @{ Profile = 'minimal'; Revision = 'x'; Version = 'v1' }; ErrorId = 'IstioVersionInvalid'; Category = 'InvalidArgument' }
        @{ Name = 'path-missing'; Params = @{ Path = '<tmp>/nope.yaml'; Revision = 'x' }; ErrorId = 'IstioOperatorFileNotFound'; Category = 'ObjectNotFound' }
        @{ Name = 'path-is-directory'; Params = @{ Path = '<tmp>/d'; Revision = 'x' }; Files = @{ 'd' = @{ Directory = $true } }; ErrorId = 'PathIsDirectory'; Category = 'InvalidArgument' }
        @{ Name = 'iop-not-yaml'; Params = @{ Path = '<tmp>/iop.yaml'; Revision = 'x' }; Files = @{ 'iop.yaml' = "spec: {`n" }; ErrorId = 'IstioOperatorYamlInvalid'; Category = 'InvalidData' }
        @{ Name = 'iop-unknown-field'; Params = @{ Path = '<tmp>/iop.yaml'; Revision = 'x' }; Files = @{ 'iop.yaml' = "apiVersion: install.istio.io/v1alpha1`nkind: IstioOperator`nspec:`n  profle: demo`n" }; ErrorId = 'IstioOperatorUnknownField'; Category = 'InvalidData' }
        @{ Name = 'iop-wrong-kind'; Params = @{ Path = '<tmp>/iop.yaml'; Revision = 'x' }; Files = @{ 'iop.yaml' = "apiVersion: v1`nkind: ConfigMap`n" }; ErrorId = 'IstioOperatorInvalid'; Category = 'InvalidData' }
        @{ Name = 'iop-revision-invalid'; Params = @{ Path = '<tmp>/iop.yaml' }; Files = @{ 'iop.yaml' = "apiVersion: install.istio.io/v1alpha1`nkind: IstioOperator`nspec:`n  revision: BAD.REV`n" }; ErrorId = 'RevisionInvalid'; Category = 'InvalidData' }
        @{ Name = 'iop-gateway-name-invalid'; Params = @{ Path = '<tmp>/iop.yaml'; Revision = 'x' }; Files = @{ 'iop.yaml' = "apiVersion: install.istio.io/v1alpha1`nkind: IstioOperator`nspec:`n  components:`n    ingressGateways:`n    - name: Bad_Gateway`n      enabled: true`n" }; ErrorId = 'GatewayNameInvalid'; Category = 'InvalidData' }
        @{ Name = 'iop-meshconfig-bad-enum'; Params = @{ Path = '<tmp>/iop.yaml'; Revision = 'x' }; Files = @{ 'iop.yaml' = "apiVersion: install.istio.io/v1alpha1`nkind: IstioOperator`nspec:`n  meshConfig:`n    accessLogEncoding: XML`n" }; ErrorId = 'IstioOperatorInvalidValue'; Category = 'InvalidData' }
        @{ Name = 'iop-values-unknown'; Params = @{ Path = '<tmp>/iop.yaml'; Revision = 'x' }; Files = @{ 'iop.yaml' = "apiVersion: install.istio.io/v1alpha1`nkind: IstioOperator`nspec:`n  values:`n    globall: {}`n" }; ErrorId = 'IstioOperatorUnknownField'; Category = 'InvalidData' }
        @{ Name = 'set-no-equals'; Params = @{ Profile = 'minimal'; Revision = 'x'; Set = 'hub' }; ErrorId = 'SetSyntaxInvalid'; Category = 'InvalidData' }
        @{ Name = 'set-unknown-field'; Params = @{ Profile = 'minimal'; Revision = 'x'; Set = 'nope=1' }; ErrorId = 'IstioOperatorUnknownField'; Category = 'InvalidData' }
        @{ Name = 'set-enabled-not-bool'; Params = @{ Profile = 'minimal'; Revision = 'x'; Set = 'components.pilot.enabled=maybe' }; ErrorId = 'IstioOperatorWrongType'; Category = 'InvalidData' }
        @{ Name = 'set-meshconfig-bad-enum'; Params = @{ Profile = 'minimal'; Revision = 'x'; Set = 'meshConfig.accessLogEncoding=XML' }; ErrorId = 'IstioOperatorInvalidValue'; Category = 'InvalidData' }
        @{ Name = 'set-revision-invalid'; Params = @{ Profile = 'minimal'; Set = 'revision=BAD.REV' }; ErrorId = 'RevisionInvalid'; Category = 'InvalidData' }
        @{ Name = 'set-selector-no-match'; Params = @{ Profile = 'demo'; Revision = 'x'; Set = 'components.ingressGateways.[name:nomatch].enabled=false' }; ErrorId = 'SetSelectorNoMatch'; Category = 'InvalidArgument' }
        @{ Name = 'set-bad-index-whatif'; Params = @{ Profile = 'minimal'; Revision = 'x'; Set = 'components.ingressGateways[x].enabled=true'; WhatIf = $true }; ErrorId = 'SetPathInvalid'; Category = 'InvalidData' }
        @{ Name = 'context-empty'; Params = @{ Profile = 'minimal'; Revision = 'x'; Context = '' }; ErrorId = 'ParameterArgumentValidationError'; Category = 'InvalidData' }
        @{ Name = 'kubeconfig-empty-string'; Params = @{ Profile = 'minimal'; Revision = 'x'; Kubeconfig = '' }; ErrorId = 'ParameterArgumentValidationError'; Category = 'InvalidData' }
    )
}
