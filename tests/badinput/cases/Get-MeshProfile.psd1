@{
    Cmdlet = 'Get-MeshProfile'
    Cases  = @(
        @{ Name = 'name-unknown'; Params = @{ Name = 'nope' }; ErrorId = 'ProfileNotFound'; Category = 'ObjectNotFound' }
        @{ Name = 'name-path-traversal'; Params = @{ Name = '../../../../etc/passwd' }; ErrorId = 'ProfileNotFound'; Category = 'ObjectNotFound' }
        @{ Name = 'name-unknown-of-two'; Params = @{ Name = @('demo', 'nope') }; ErrorId = 'ProfileNotFound'; Category = 'ObjectNotFound' }
        @{ Name = 'manifests-path-missing'; Params = @{ ManifestsPath = '<tmp>/none' }; ErrorId = 'ManifestsPathNotFound'; Category = 'ObjectNotFound' }
        @{ Name = 'manifests-path-is-file'; Params = @{ ManifestsPath = '<tmp>/f' }; Files = @{ 'f' = 'x' }; ErrorId = 'ManifestsPathNotFound'; Category = 'ObjectNotFound' }
        @{ Name = 'manifests-path-empty-folder'; Params = @{ ManifestsPath = '<tmp>/e' }; Files = @{ 'e' = @{ Directory = $true } }; ErrorId = 'ManifestsNotFound'; Category = 'ObjectNotFound' }
        @{ Name = 'manifests-profile-duplicate-key'; Params = @{ ManifestsPath = '<tmp>/m'; Version = '1.18.5'; Name = 'dup' }; Files = @{ 'm/profiles/dup.yaml' = "apiVersion: install.istio.io/v1alpha1`nkind: IstioOperator`nspec:`n  hub: a`n  hub: b`n"; 'm/profiles/default.yaml' = "apiVersion: install.istio.io/v1alpha1`nkind: IstioOperator`nspec:`n  hub: docker.io/istio`n"; 'm/charts' = @{ Directory = $true } }; ErrorId = 'YamlDuplicateKey'; Category = 'InvalidData' }
        @{ Name = 'manifests-profile-invalid-yaml'; Params = @{ ManifestsPath = '<tmp>/m'; Version = '1.18.5'; Name = 'bad' }; Files = @{ 'm/profiles/bad.yaml' = "spec: [`n"; 'm/profiles/default.yaml' = "apiVersion: install.istio.io/v1alpha1`nkind: IstioOperator`nspec:`n  hub: docker.io/istio`n"; 'm/charts' = @{ Directory = $true } }; ErrorId = 'ProfileInvalid'; Category = 'InvalidData' }
        @{ Name = 'manifests-profile-dev-zero-sized'; Params = @{ ManifestsPath = '<tmp>/m'; Version = '1.18.5'; Name = 'big' }; Files = @{ 'm/profiles/big.yaml' = @{ SparseBytes = 17MB }; 'm/profiles/default.yaml' = "apiVersion: install.istio.io/v1alpha1`nkind: IstioOperator`nspec:`n  hub: docker.io/istio`n"; 'm/charts' = @{ Directory = $true } }; ErrorId = 'InputFileTooLarge'; Category = 'LimitsExceeded' }
        @{ Name = 'version-not-cached'; Params = @{ Version = '1.99.0' }; ErrorId = 'IstioReleaseNotCached'; Category = 'ObjectNotFound' }
        @{ Name = 'version-invalid'; Params = @{ Version = 'v1.18' }; ErrorId = 'IstioVersionInvalid'; Category = 'InvalidArgument' }
        @{ Name = 'manifests-path-cannot-tell-release'; Params = @{ ManifestsPath = '<manifests>' }; ErrorId = 'ManifestsVersionUnknown'; Category = 'InvalidArgument' }
    )
}
