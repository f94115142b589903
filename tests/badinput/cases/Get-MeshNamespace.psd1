@{
    Cmdlet = 'Get-MeshNamespace'
    Cases  = @(
        @{ Name = 'name-unknown'; Params = @{ Name = 'nope' }; ErrorId = 'NamespaceNotFound'; Category = 'ObjectNotFound' }
        @{ Name = 'name-invalid'; Params = @{ Name = 'Bad_NS' }; ErrorId = 'NamespaceNotFound'; Category = 'ObjectNotFound' }
        @{ Name = 'revision-unknown'; Params = @{ Revision = 'nope' }; ErrorId = 'RevisionNotFound'; Category = 'ObjectNotFound' }
        @{ Name = 'revision-invalid'; Params = @{ Revision = 'BAD.REV' }; ErrorId = 'RevisionInvalid'; Category = 'InvalidArgument' }
        @{ Name = 'revision-empty'; Params = @{ Revision = '' }; ErrorId = 'ParameterArgumentValidationError'; Category = 'InvalidData' }
    )
}
