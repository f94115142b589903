# Get-MeshRelease reads the local release cache (an empty one, in the corpus).
@{
    Cmdlet = 'Get-MeshRelease'
    Cases  = @(
        @{ Name = 'version-not-cached'; Params = @{ Version = '1.99.0' }; ErrorId = 'IstioReleaseNotCached'; Category = 'ObjectNotFound' }
        @{ Name = 'version-invalid'; Params = @{ Version = 'v1.18.5' }; ErrorId = 'IstioVersionInvalid'; Category = 'InvalidArgument' }
        @{ Name = 'version-path-traversal'; Params = @{ Version = '../../../etc' }; ErrorId = 'IstioVersionInvalid'; Category = 'InvalidArgument' }
        @{ Name = 'version-one-of-two-invalid'; Params = @{ Version = @('1.*', 'latest') }; ErrorId = 'IstioVersionInvalid'; Category = 'InvalidArgument' }
        @{ Name = 'version-empty'; Params = @{ Version = '' }; ErrorId = 'ParameterArgumentValidationError'; Category = 'InvalidData' }
    )
}
