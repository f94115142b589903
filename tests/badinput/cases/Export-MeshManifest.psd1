# Export-MeshManifest: IstioOperator files, -Set, profiles, revisions, manifests folders, output folders.
# Every IstioOperator input is validated before anything is rendered or written.
@{
    Cmdlet = 'Export-MeshManifest'
    Cases  = @(
        # --- profiles
        @{ Name = 'profile-unknown'; Params = @{ Profile = 'nope' }; ErrorId = 'ProfileNotFound'; Category = 'ObjectNotFound' }
        @{ Name = 'profile-path-traversal'; Params = @{ Profile = '../../../etc/passwd' }; ErrorId = 'ProfileNotFound'; Category = 'ObjectNotFound' }
        @{ Name = 'profile-with-slash'; Params = @{ Profile = 'default/minimal' }; ErrorId = 'ProfileNotFound'; Category = 'ObjectNotFound' }
        @{ Name = 'profile-upper-case'; Params = @{ Profile = 'DEMO' }; ErrorId = 'ProfileNotFound'; Category = 'ObjectNotFound' }
        @{ Name = 'profile-yaml-suffix'; Params = @{ Profile = 'demo.yaml' }; ErrorId = 'ProfileNotFound'; Category = 'ObjectNotFound' }
        @{ Name = 'profile-empty'; Params = @{ Profile = '' }; ErrorId = 'ParameterArgumentValidationError'; Category = 'InvalidData' }
        # --- revision and namespace parameters
        @{ Name = 'revision-dot'; Params = @{ Revision = 'BAD.REV' }; ErrorId = 'RevisionInvalid'; Category = 'InvalidData' }
        @{ Name = 'revision-space'; Params = @{ Revision = 'a b' }; ErrorId = 'RevisionInvalid'; Category = 'InvalidData' }
        @{ Name = 'revision-64-chars'; Params = @{ Revision = 'aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa' }; ErrorId = 'RevisionInvalid'; Category = 'InvalidData' }
        @{ Name = 'revision-leading-dash'; Params = @{ Revision = '-rev' }; ErrorId = 'RevisionInvalid'; Category = 'InvalidData' }
        @{ Name = 'revision-underscore'; Params = @{ Revision = 'my_rev' }; ErrorId = 'RevisionInvalid'; Category = 'InvalidData' }
        @{ Name = 'namespace-upper-case'; Params = @{ Namespace = 'Istio-System' }; ErrorId = 'ParameterArgumentValidationError'; Category = 'InvalidData' }
        @{ Name = 'namespace-64-chars'; Params = @{ Namespace = 'nnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnn' }; ErrorId = 'ParameterArgumentValidationError'; Category = 'InvalidData' }
        @{ Name = 'namespace-slash'; Params = @{ Namespace = 'a/b' }; ErrorId = 'ParameterArgumentValidationError'; Category = 'InvalidData' }
        @{ Name = 'component-unknown'; Params = @{ Component = 'Nope' }; ErrorId = 'ParameterArgumentValidationError'; Category = 'InvalidData' }
        # --- manifests folder and release version
        @{ Name = 'manifests-path-missing'; Params = @{ ManifestsPath = '<tmp>/no-such-folder' }; ErrorId = 'ManifestsPathNotFound'; Category = 'ObjectNotFound' }
        @{ Name = 'manifests-path-is-file'; Params = @{ ManifestsPath = '<tmp>/file' }; Files = @{ 'file' = 'x' }; ErrorId = 'ManifestsPathNotFound'; Category = 'ObjectNotFound' }
        @{ Name = 'manifests-path-empty-folder'; Params = @{ ManifestsPath = '<tmp>/empty' }; Files = @{ 'empty' = @{ Directory = $true } }; ErrorId = 'ManifestsNotFound'; Category = 'ObjectNotFound' }
        @{ Name = 'manifests-path-cannot-tell-release'; Params = @{ ManifestsPath = '<manifests>' }; ErrorId = 'ManifestsVersionUnknown'; Category = 'InvalidArgument' }
        @{ Name = 'manifests-path-required'; Omit = @('ManifestsPath'); ErrorId = 'ManifestsPathRequired'; Category = 'InvalidArgument' }
        @{ Name = 'version-not-cached'; Params = @{ Version = '1.99.0' }; ErrorId = 'IstioReleaseNotCached'; Category = 'ObjectNotFound' }
        @{ Name = 'version-leading-v'; Params = @{ Version = 'v1.18.5' }; ErrorId = 'IstioVersionInvalid'; Category = 'InvalidArgument' }
        @{ Name = 'version-garbage'; Params = @{ Version = 'latest' }; ErrorId = 'IstioVersionInvalid'; Category = 'InvalidArgument' }
        @{ Name = 'version-path-traversal'; Params = @{ Version = '../../etc' }; ErrorId = 'IstioVersionInvalid'; Category = 'InvalidArgument' }
        # --- IstioOperator files
        @{ Name = 'path-missing'; Params = @{ Path = '<tmp>/missing.yaml' }; ErrorId = 'IstioOperatorFileNotFound'; Category = 'ObjectNotFound' }
        @{ Name = 'path-is-directory'; Params = @{ Path = '<tmp>/dir' }; Files = @{ 'dir' = @{ Directory = $true } }; ErrorId = 'PathIsDirectory'; Category = 'InvalidArgument' }
        @{ Name = 'iop-not-yaml'; Params = @{ Path = '<tmp>/iop.yaml' }; Files = @{ 'iop.yaml' = "spec: [`n  profile: {`n" }; ErrorId = 'IstioOperatorYamlInvalid'; Category = 'InvalidData' }
        @{ Name = 'iop-tab-indent'; Params = @{ Path = '<tmp>/iop.yaml' }; Files = @{ 'iop.yaml' = "apiVersion: install.istio.io/v1alpha1`nkind: IstioOperator`nspec:`n`tprofile: demo`n" }; ErrorId = 'IstioOperatorYamlInvalid'; Category = 'InvalidData' }
        @{ Name = 'iop-binary'; Params = @{ Path = '<tmp>/iop.yaml' }; Files = @{ 'iop.yaml' = @(@{ Base64 = 'H4sIACzAFmsC/+3NMQrCQBQE0K09hRdw3YVobAVT2ngDQcFAJGDi/d1YibUI4nvNfGaK3w5j2y9yzJu4Wh6a7W7fxOspfFQq1lX1zOI9p/XlLn3Oqa7DPIUvuA/j8Vbeh/90OXddPwsAAAAAAAAAAAD8mAcsALMNACgAAA==' }) }; ErrorId = 'IstioOperatorYamlInvalid'; Category = 'InvalidData' }
        @{ Name = 'iop-kind-deployment'; Params = @{ Path = '<tmp>/iop.yaml' }; Files = @{ 'iop.yaml' = "apiVersion: apps/v1`nkind: Deployment`nspec:`n  profile: demo`n" }; ErrorId = 'IstioOperatorInvalid'; Category = 'InvalidData' }
        @{ Name = 'iop-api-version-wrong'; Params = @{ Path = '<tmp>/iop.yaml' }; Files = @{ 'iop.yaml' = "apiVersion: install.istio.io/v9`nkind: IstioOperator`nspec:`n  profile: demo`n" }; ErrorId = 'IstioOperatorInvalid'; Category = 'InvalidData' }
        @{ Name = 'iop-spec-is-list'; Params = @{ Path = '<tmp>/iop.yaml' }; Files = @{ 'iop.yaml' = "apiVersion: install.istio.io/v1alpha1`nkind: IstioOperator`nspec: [1, 2]`n" }; ErrorId = 'IstioOperatorWrongType'; Category = 'InvalidData' }
        @{ Name = 'iop-spec-is-string'; Params = @{ Path = '<tmp>/iop.yaml' }; Files = @{ 'iop.yaml' = "apiVersion: install.istio.io/v1alpha1`nkind: IstioOperator`nspec: minimal`n" }; ErrorId = 'IstioOperatorWrongType'; Category = 'InvalidData' }
        @{ Name = 'iop-top-level-list'; Params = @{ Path = '<tmp>/iop.yaml' }; Files = @{ 'iop.yaml' = "- a`n- b`n" }; ErrorId = 'IstioOperatorInvalid'; Category = 'InvalidData' }
        @{ Name = 'iop-unknown-spec-field'; Params = @{ Path = '<tmp>/iop.yaml' }; Files = @{ 'iop.yaml' = "apiVersion: install.istio.io/v1alpha1`nkind: IstioOperator`nspec:`n  profle: demo`n" }; ErrorId = 'IstioOperatorUnknownField'; Category = 'InvalidData' }
        @{ Name = 'iop-unknown-component'; Params = @{ Path = '<tmp>/iop.yaml' }; Files = @{ 'iop.yaml' = "apiVersion: install.istio.io/v1alpha1`nkind: IstioOperator`nspec:`n  components:`n    pilott:`n      enabled: true`n" }; ErrorId = 'IstioOperatorUnknownField'; Category = 'InvalidData' }
        @{ Name = 'iop-profile-unknown'; Params = @{ Path = '<tmp>/iop.yaml' }; Files = @{ 'iop.yaml' = "apiVersion: install.istio.io/v1alpha1`nkind: IstioOperator`nspec:`n  profile: nope`n" }; ErrorId = 'ProfileNotFound'; Category = 'ObjectNotFound' }
        @{ Name = 'iop-revision-invalid'; Params = @{ Path = '<tmp>/iop.yaml' }; Files = @{ 'iop.yaml' = "apiVersion: install.istio.io/v1alpha1`nkind: IstioOperator`nspec:`n  revision: BAD.REV`n" }; ErrorId = 'RevisionInvalid'; Category = 'InvalidData' }
        @{ Name = 'iop-hub-invalid'; Params = @{ Path = '<tmp>/iop.yaml' }; Files = @{ 'iop.yaml' = "apiVersion: install.istio.io/v1alpha1`nkind: IstioOperator`nspec:`n  hub: 'bad hub!'`n" }; ErrorId = 'HubInvalid'; Category = 'InvalidData' }
        @{ Name = 'iop-tag-invalid'; Params = @{ Path = '<tmp>/iop.yaml' }; Files = @{ 'iop.yaml' = "apiVersion: install.istio.io/v1alpha1`nkind: IstioOperator`nspec:`n  tag: 'a b c'`n" }; ErrorId = 'TagInvalid'; Category = 'InvalidData' }
        @{ Name = 'iop-gateway-name-invalid'; Params = @{ Path = '<tmp>/iop.yaml' }; Files = @{ 'iop.yaml' = "apiVersion: install.istio.io/v1alpha1`nkind: IstioOperator`nspec:`n  components:`n    ingressGateways:`n    - name: Bad_Gateway`n      enabled: true`n" }; ErrorId = 'GatewayNameInvalid'; Category = 'InvalidData' }
        @{ Name = 'iop-gateway-without-name'; Params = @{ Path = '<tmp>/iop.yaml' }; Files = @{ 'iop.yaml' = "apiVersion: install.istio.io/v1alpha1`nkind: IstioOperator`nspec:`n  components:`n    ingressGateways:`n    - enabled: true`n" }; ErrorId = 'GatewayNameInvalid'; Category = 'InvalidData' }
        @{ Name = 'iop-gateways-not-a-list'; Params = @{ Path = '<tmp>/iop.yaml' }; Files = @{ 'iop.yaml' = "apiVersion: install.istio.io/v1alpha1`nkind: IstioOperator`nspec:`n  components:`n    ingressGateways:`n      name: a`n" }; ErrorId = 'IstioOperatorWrongType'; Category = 'InvalidData' }
        @{ Name = 'iop-enabled-not-bool'; Params = @{ Path = '<tmp>/iop.yaml' }; Files = @{ 'iop.yaml' = "apiVersion: install.istio.io/v1alpha1`nkind: IstioOperator`nspec:`n  components:`n    pilot:`n      enabled: yes-please`n" }; ErrorId = 'IstioOperatorWrongType'; Category = 'InvalidData' }
        @{ Name = 'iop-replicas-not-int'; Params = @{ Path = '<tmp>/iop.yaml' }; Files = @{ 'iop.yaml' = "apiVersion: install.istio.io/v1alpha1`nkind: IstioOperator`nspec:`n  components:`n    pilot:`n      k8s:`n        replicaCount: many`n" }; ErrorId = 'IstioOperatorWrongType'; Category = 'InvalidData' }
        @{ Name = 'iop-k8s-unknown-field'; Params = @{ Path = '<tmp>/iop.yaml' }; Files = @{ 'iop.yaml' = "apiVersion: install.istio.io/v1alpha1`nkind: IstioOperator`nspec:`n  components:`n    pilot:`n      k8s:`n        replicas: 2`n" }; ErrorId = 'IstioOperatorUnknownField'; Category = 'InvalidData' }
        @{ Name = 'iop-meshconfig-unknown-field'; Params = @{ Path = '<tmp>/iop.yaml' }; Files = @{ 'iop.yaml' = "apiVersion: install.istio.io/v1alpha1`nkind: IstioOperator`nspec:`n  meshConfig:`n    accessLogFil: /dev/stdout`n" }; ErrorId = 'IstioOperatorUnknownField'; Category = 'InvalidData' }
        @{ Name = 'iop-meshconfig-bad-enum'; Params = @{ Path = '<tmp>/iop.yaml' }; Files = @{ 'iop.yaml' = "apiVersion: install.istio.io/v1alpha1`nkind: IstioOperator`nspec:`n  meshConfig:`n    accessLogEncoding: XML`n" }; ErrorId = 'IstioOperatorInvalidValue'; Category = 'InvalidData' }
        @{ Name = 'iop-meshconfig-bad-outbound-mode'; Params = @{ Path = '<tmp>/iop.yaml' }; Files = @{ 'iop.yaml' = "apiVersion: install.istio.io/v1alpha1`nkind: IstioOperator`nspec:`n  meshConfig:`n    outboundTrafficPolicy:`n      mode: SOMETIMES`n" }; ErrorId = 'IstioOperatorInvalidValue'; Category = 'InvalidData' }
        @{ Name = 'iop-meshconfig-bad-duration'; Params = @{ Path = '<tmp>/iop.yaml' }; Files = @{ 'iop.yaml' = "apiVersion: install.istio.io/v1alpha1`nkind: IstioOperator`nspec:`n  meshConfig:`n    connectTimeout: forever`n" }; ErrorId = 'IstioOperatorInvalidValue'; Category = 'InvalidData' }
        @{ Name = 'iop-meshconfig-is-list'; Params = @{ Path = '<tmp>/iop.yaml' }; Files = @{ 'iop.yaml' = "apiVersion: install.istio.io/v1alpha1`nkind: IstioOperator`nspec:`n  meshConfig: [a]`n" }; ErrorId = 'IstioOperatorWrongType'; Category = 'InvalidData' }
        @{ Name = 'iop-values-unknown-field'; Params = @{ Path = '<tmp>/iop.yaml' }; Files = @{ 'iop.yaml' = "apiVersion: install.istio.io/v1alpha1`nkind: IstioOperator`nspec:`n  values:`n    globall:`n      hub: x`n" }; ErrorId = 'IstioOperatorUnknownField'; Category = 'InvalidData' }
        @{ Name = 'iop-values-wrong-type'; Params = @{ Path = '<tmp>/iop.yaml' }; Files = @{ 'iop.yaml' = "apiVersion: install.istio.io/v1alpha1`nkind: IstioOperator`nspec:`n  values:`n    global:`n      proxy: not-a-map`n" }; ErrorId = 'IstioOperatorWrongType'; Category = 'InvalidData' }
        @{ Name = 'iop-values-is-list'; Params = @{ Path = '<tmp>/iop.yaml' }; Files = @{ 'iop.yaml' = "apiVersion: install.istio.io/v1alpha1`nkind: IstioOperator`nspec:`n  values: [1]`n" }; ErrorId = 'IstioOperatorWrongType'; Category = 'InvalidData' }
        @{ Name = 'iop-second-file-invalid'; Params = @{ Path = @('<tmp>/a.yaml', '<tmp>/b.yaml') }; Files = @{ 'a.yaml' = "apiVersion: install.istio.io/v1alpha1`nkind: IstioOperator`nspec:`n  profile: minimal`n"; 'b.yaml' = "apiVersion: install.istio.io/v1alpha1`nkind: IstioOperator`nspec:`n  nope: 1`n" }; ErrorId = 'IstioOperatorUnknownField'; Category = 'InvalidData' }
        @{ Name = 'iop-two-documents'; Params = @{ Path = '<tmp>/iop.yaml' }; Files = @{ 'iop.yaml' = "apiVersion: install.istio.io/v1alpha1`nkind: IstioOperator`nspec:`n  profile: minimal`n---`napiVersion: install.istio.io/v1alpha1`nkind: IstioOperator`nspec:`n  profile: demo`n" }; ErrorId = 'MultipleIstioOperators'; Category = 'InvalidData' }
        # --- -Set
        @{ Name = 'set-no-equals'; Params = @{ Set = 'values.global.hub' }; ErrorId = 'SetSyntaxInvalid'; Category = 'InvalidData' }
        @{ Name = 'set-empty-path'; Params = @{ Set = '=x' }; ErrorId = 'SetSyntaxInvalid'; Category = 'InvalidData' }
        @{ Name = 'set-two-equals'; Params = @{ Set = 'hub=a=b' }; ErrorId = 'SetSyntaxInvalid'; Category = 'InvalidData' }
        @{ Name = 'set-unknown-top-field'; Params = @{ Set = 'nope=1' }; ErrorId = 'IstioOperatorUnknownField'; Category = 'InvalidData' }
        @{ Name = 'set-spec-prefix-unknown'; Params = @{ Set = 'spec.nope=1' }; ErrorId = 'IstioOperatorUnknownField'; Category = 'InvalidData' }
        @{ Name = 'set-profile-unknown'; Params = @{ Set = 'profile=nope' }; ErrorId = 'ProfileNotFound'; Category = 'ObjectNotFound' }
        @{ Name = 'set-revision-invalid'; Params = @{ Set = 'revision=BAD.REV' }; ErrorId = 'RevisionInvalid'; Category = 'InvalidData' }
        @{ Name = 'set-hub-invalid'; Params = @{ Set = 'hub=bad hub' }; ErrorId = 'HubInvalid'; Category = 'InvalidData' }
        @{ Name = 'set-enabled-not-bool'; Params = @{ Set = 'components.pilot.enabled=maybe' }; ErrorId = 'IstioOperatorWrongType'; Category = 'InvalidData' }
        @{ Name = 'set-unknown-component'; Params = @{ Set = 'components.nope.enabled=true' }; ErrorId = 'IstioOperatorUnknownField'; Category = 'InvalidData' }
        @{ Name = 'set-replicas-not-int'; Params = @{ Set = 'components.pilot.k8s.replicaCount=abc' }; ErrorId = 'IstioOperatorWrongType'; Category = 'InvalidData' }
        @{ Name = 'set-bad-index'; Params = @{ Set = 'components.ingressGateways[abc].enabled=true' }; ErrorId = 'SetPathInvalid'; Category = 'InvalidData' }
        @{ Name = 'set-selector-empty'; Params = @{ Set = 'components.ingressGateways.[name:].enabled=true' }; ErrorId = 'SetPathInvalid'; Category = 'InvalidData' }
        @{ Name = 'set-selector-unterminated'; Params = @{ Set = 'components.ingressGateways.[name:x.enabled=true' }; ErrorId = 'SetPathInvalid'; Category = 'InvalidData' }
        @{ Name = 'set-meshconfig-unknown'; Params = @{ Set = 'meshConfig.nope=1' }; ErrorId = 'IstioOperatorUnknownField'; Category = 'InvalidData' }
        @{ Name = 'set-meshconfig-bad-enum'; Params = @{ Set = 'meshConfig.accessLogEncoding=XML' }; ErrorId = 'IstioOperatorInvalidValue'; Category = 'InvalidData' }
        @{ Name = 'set-values-unknown'; Params = @{ Set = 'values.globall.hub=x' }; ErrorId = 'IstioOperatorUnknownField'; Category = 'InvalidData' }
        @{ Name = 'set-values-wrong-type'; Params = @{ Set = 'values.global.proxy=str' }; ErrorId = 'IstioOperatorWrongType'; Category = 'InvalidData' }
        @{ Name = 'set-tag-invalid'; Params = @{ Set = 'tag=a b' }; ErrorId = 'TagInvalid'; Category = 'InvalidData' }
        @{ Name = 'set-gateway-name-invalid'; Params = @{ Set = 'components.ingressGateways[0].name=Bad_Name' }; ErrorId = 'GatewayNameInvalid'; Category = 'InvalidData' }
        @{ Name = 'set-empty-string'; Params = @{ Set = '' }; ErrorId = 'ParameterArgumentValidationError'; Category = 'InvalidData' }
        # --- output folder
        @{ Name = 'output-is-file'; Params = @{ OutputDirectory = '<tmp>/afile' }; Files = @{ 'afile' = 'x' }; ErrorId = 'OutputPathInvalid'; Category = 'InvalidArgument' }
        @{ Name = 'output-under-file'; Params = @{ OutputDirectory = '<tmp>/afile/out' }; Files = @{ 'afile' = 'x' }; ErrorId = 'OutputPathInvalid'; Category = 'InvalidArgument' }
        @{ Name = 'output-cannot-be-created'; Params = @{ OutputDirectory = '/proc/meshops-out' }; ErrorId = 'OutputPathInvalid'; Category = 'InvalidArgument' }
        @{ Name = 'output-with-invalid-input'; Params = @{ OutputDirectory = '<tmp>/out'; Profile = 'nope' }; ErrorId = 'ProfileNotFound'; Category = 'ObjectNotFound' }
    )
}
