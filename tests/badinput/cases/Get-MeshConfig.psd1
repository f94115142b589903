@{
    Cmdlet = 'Get-MeshConfig'
    Cases  = @(
        @{ Name = 'revision-unknown'; Params = @{ Revision = 'nope' }; ErrorId = 'RevisionNotFound'; Category = 'ObjectNotFound' }
        @{ Name = 'revision-invalid'; Params = @{ Revision = 'BAD.REV' }; ErrorId = 'RevisionInvalid'; Category = 'InvalidArgument' }
        @{ Name = 'revision-wildcard'; Params = @{ Revision = 'st*' }; ErrorId = 'RevisionInvalid'; Category = 'InvalidArgument' }
        @{ Name = 'revision-tag-unknown'; Params = @{ Revision = 'prod' }; ErrorId = 'RevisionNotFound'; Category = 'ObjectNotFound' }
        @{ Name = 'revision-empty'; Params = @{ Revision = '' }; ErrorId = 'ParameterArgumentValidationError'; Category = 'InvalidData' }
    )
}
