@{
    Cmdlet = 'Get-MeshConfig'
    Cases  = @(
        @{ Name = 'revision-unknown'; Params = @{ Revision = 'nope' }; ErrorId = 'RevisionNotFound'; Category = 'ObjectNotFound' }
        @{ Name = 'revision-invalid'; Params = @{ Revision = 'BAD.REV' }; ErrorId = 'RevisionNotFound'; Category = 'ObjectNotFound' }
        @{ Name = 'revision-wildcard'; Params = @{ Revision = 'st*' }; ErrorId = 'RevisionNotFound'; Category = 'ObjectNotFound' }
        @{ Name = 'revision-tag-unknown'; Params = @{ Revision = 'prod' }; ErrorId = 'RevisionNotFound'; Category = 'ObjectNotFound' }
        @{ Name = 'revision-empty'; Params = @{ Revision = '' }; ErrorId = 'ParameterArgumentValidationError'; Category = 'InvalidData' }
    )
}
