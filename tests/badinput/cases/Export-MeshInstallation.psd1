@{
    Cmdlet = 'Export-MeshInstallation'
    Cases  = @(
        @{ Name = 'revision-unknown'; Params = @{ Revision = 'nope' }; ErrorId = 'RevisionNotFound'; Category = 'ObjectNotFound' }
        @{ Name = 'revision-invalid'; Params = @{ Revision = 'BAD.REV' }; ErrorId = 'RevisionInvalid'; Category = 'InvalidArgument' }
        @{ Name = 'revision-unknown-with-path'; Params = @{ Revision = 'nope'; Path = '<tmp>/out.yaml' }; ErrorId = 'RevisionNotFound'; Category = 'ObjectNotFound' }
        @{ Name = 'path-folder-missing'; Params = @{ Revision = 'stable'; Path = '<tmp>/no/such/folder/out.yaml' }; ErrorId = 'OutputPathInvalid'; Category = 'InvalidArgument' }
        @{ Name = 'path-is-directory'; Params = @{ Revision = 'stable'; Path = '<tmp>/d' }; Files = @{ 'd' = @{ Directory = $true } }; ErrorId = 'PathIsDirectory'; Category = 'InvalidArgument' }
        @{ Name = 'path-under-a-file'; Params = @{ Revision = 'stable'; Path = '<tmp>/afile/out.yaml' }; Files = @{ 'afile' = 'x' }; ErrorId = 'OutputPathInvalid'; Category = 'InvalidArgument' }
        @{ Name = 'path-cannot-be-created'; Params = @{ Revision = 'stable'; Path = '/proc/meshops-installation.yaml' }; ErrorId = 'OutputPathInvalid'; Category = 'InvalidArgument' }
        @{ Name = 'revision-empty'; Params = @{ Revision = '' }; ErrorId = 'ParameterArgumentValidationError'; Category = 'InvalidData' }
    )
}
