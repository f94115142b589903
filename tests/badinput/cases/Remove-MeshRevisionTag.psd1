@{
    Cmdlet = 'Remove-MeshRevisionTag'
    Cases  = @(
        @{ Name = 'tag-unknown'; Params = @{ Tag = 'nope' }; ErrorId = 'RevisionTagNotFound'; Category = 'ObjectNotFound' }
        @{ Name = 'tag-unknown-force'; Params = @{ Tag = 'nope'; Force = $true }; ErrorId = 'RevisionTagNotFound'; Category = 'ObjectNotFound' }
        @{ Name = 'tag-invalid'; Params = @{ Tag = 'Bad_Tag' }; ErrorId = 'InvalidRevisionTagName'; Category = 'InvalidArgument' }
        @{ Name = 'tag-is-revision'; Params = @{ Tag = 'stable' }; ErrorId = 'RevisionTagNotFound'; Category = 'ObjectNotFound' }
        @{ Name = 'tag-wildcard'; Params = @{ Tag = '*' }; ErrorId = 'InvalidRevisionTagName'; Category = 'InvalidArgument' }
        @{ Name = 'tag-empty'; Params = @{ Tag = '' }; ErrorId = 'ParameterArgumentValidationError'; Category = 'InvalidData' }
    )
}
